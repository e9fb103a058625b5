import type { RequestPayload } from '../../../shared/contact/request';
import { requestPayloadSchema } from '../../../shared/contact/request';
import { categoryLabelKey } from '../../../shared/contact/categories';
import { fieldsForCategory, optionLabelKey } from '../../../shared/contact/forms';
import { pgpError } from './pgpError';

/**
 * The plaintext of a request: a readable part for a person reading `gpg --decrypt` output, then
 * the JSON payload between marker lines for tools, then padding to a size bucket so the
 * ciphertext length says little about what was written (cf. Hush Line's padded fields).
 */
export const JSON_BEGIN = '-----BEGIN TIKHO REQUEST JSON-----';
export const JSON_END = '-----END TIKHO REQUEST JSON-----';

/** Buckets: powers of two from 1 KiB to 64 KiB, then whole multiples of 64 KiB. */
export function paddedSize(length: number): number {
  for (let bucket = 1024; bucket <= 65536; bucket *= 2) if (length <= bucket) return bucket;
  return Math.ceil(length / 65536) * 65536;
}

export type LabelFn = (key: string) => string;

export function renderReadableText(payload: RequestPayload, label: LabelFn): string {
  const lines: string[] = [];
  lines.push(`${label('contact.request.title')}: ${label(categoryLabelKey(payload.category))}`);
  lines.push(`${label('contact.request.createdAt')}: ${payload.createdAt}`);
  lines.push('');
  for (const field of fieldsForCategory(payload.category)) {
    const value = payload.fields[field.key];
    if (value === undefined || value === '') continue;
    const shown = field.kind === 'select' ? label(optionLabelKey(field.key, value)) : value;
    if (field.kind === 'textarea') {
      lines.push(`${label(field.labelKey)}:`, shown, '');
    } else {
      lines.push(`${label(field.labelKey)}: ${shown}`);
    }
  }
  if (payload.text.trim() !== '') lines.push('', `${label('contact.field.text')}:`, payload.text);
  if (payload.replyKey) lines.push('', `${label('contact.request.replyKey')}:`, payload.replyKey.trim());
  return lines.join('\n');
}

export function buildRequestPlaintext(payload: RequestPayload, label: LabelFn): Uint8Array {
  const body = `${renderReadableText(payload, label)}\n\n${JSON_BEGIN}\n${JSON.stringify(payload)}\n${JSON_END}\n`;
  const bytes = new TextEncoder().encode(body);
  const target = paddedSize(bytes.length);
  const out = new Uint8Array(target);
  out.set(bytes);
  // Spaces, not zeros: the padding must stay invisible text in a terminal or a mail client.
  out.fill(0x20, bytes.length);
  return out;
}

/** Reads the JSON part (the last marker pair: typed text above cannot hide it). */
export function parseRequestPlaintext(bytes: Uint8Array): RequestPayload {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const begin = text.lastIndexOf(`\n${JSON_BEGIN}\n`);
  const end = begin < 0 ? -1 : text.indexOf(`\n${JSON_END}`, begin + 1);
  if (begin < 0 || end < 0) throw pgpError('pgp/request-invalid', { reason: 'no-json' });
  const json = text.slice(begin + JSON_BEGIN.length + 2, end);
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw pgpError('pgp/request-invalid', { reason: 'json' });
  }
  const parsed = requestPayloadSchema.safeParse(value);
  if (!parsed.success) throw pgpError('pgp/request-invalid', { reason: 'schema' });
  return parsed.data;
}
