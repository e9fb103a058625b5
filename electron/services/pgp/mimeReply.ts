import PostalMime from 'postal-mime';
import { pgpError } from './pgpError';

/**
 * The readable content of a decrypted reply. Thunderbird (RNP), Mailvelope and gpg-based mail
 * clients answer with PGP/MIME (RFC 3156): the decrypted data is itself a MIME entity, with
 * quoted-printable or base64 text in any charset and attachments. postal-mime (pinned, no
 * dependencies) parses it; anything not MIME is UTF-8 text as before.
 */

export interface ReplyAttachment {
  name: string;
  mediaType: string;
  data: Uint8Array;
}

export interface ReplyContent {
  text: string;
  attachments: ReplyAttachment[];
}

/** Caps on what a reply may unfold into; beyond them it is refused (pgp/mime-too-large). */
export const MIME_LIMITS = {
  maxAttachments: 16,
  maxNestingDepth: 8,
  maxHeadersBytes: 64 * 1024,
  maxTextChars: 1024 * 1024,
} as const;

/** A MIME entity starts with its header block: a MIME header field on the first line. */
const MIME_START = /^(?:content-type|mime-version|content-transfer-encoding)[ \t]*:/i;

export function looksLikeMime(data: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(data.subarray(0, 256));
  return MIME_START.test(head);
}

export async function readReplyContent(data: Uint8Array): Promise<ReplyContent> {
  if (!looksLikeMime(data))
    return { text: new TextDecoder('utf-8', { fatal: false }).decode(data), attachments: [] };
  let email: Awaited<ReturnType<typeof PostalMime.parse>>;
  try {
    email = await PostalMime.parse(data, {
      attachmentEncoding: 'arraybuffer',
      maxNestingDepth: MIME_LIMITS.maxNestingDepth,
      maxHeadersSize: MIME_LIMITS.maxHeadersBytes,
      // A forwarded mail inside a reply is offered as a file, never parsed further.
      forceRfc822Attachments: true,
    });
  } catch {
    throw pgpError('pgp/mime-too-large');
  }
  if (email.attachments.length > MIME_LIMITS.maxAttachments) throw pgpError('pgp/mime-too-large');
  const text = email.text ?? (email.html !== undefined ? htmlToText(email.html) : '');
  if (text.length > MIME_LIMITS.maxTextChars) throw pgpError('pgp/mime-too-large');
  const attachments = email.attachments
    // The signature part of a signed-then-encrypted PGP/MIME entity is not a file for the person.
    .filter((part) => part.mimeType !== 'application/pgp-signature')
    .map((part, index) => ({
      name: part.filename ?? `attachment-${index + 1}`,
      mediaType: part.mimeType,
      data: toBytes(part.content),
    }));
  return { text, attachments };
}

function toBytes(content: ArrayBuffer | Uint8Array | string): Uint8Array {
  if (typeof content === 'string') return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

/** An HTML-only reply, as text: markup dropped, never rendered (the renderer shows text only). */
function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
