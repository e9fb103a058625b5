import { MAX_ARMORED_ENVELOPE_CHARS } from '../../../shared/channel/channelTypes';
import { fromBase64Strict, toBase64 } from './bytes';
import { channelError } from './channelErrors';

/**
 * The Tikho channel envelope, format version 1 (docs/channel-envelope.md). Binary layout,
 * big-endian, every field mandatory, nothing after the last field:
 *
 *   u8  version (1) | u8 type (3 = prekey, 2 = whisper) | 16 B envelope id
 *   u8 len + ASCII sender address | u8 sender device id | u16 sender registration id
 *   u8 len + ASCII recipient address
 *   u8 len (33 for prekey, 0 for whisper) + sender identity key
 *   u32 len + libsignal ciphertext
 *
 * The header is not secret and not trusted by itself: the id is repeated inside the
 * ciphertext, the identity key must equal the one libsignal authenticates, and a wrong address
 * selects a session that cannot decrypt.
 */
export const ENVELOPE_FORMAT_VERSION = 1;
export const ENVELOPE_ID_BYTES = 16;
export const IDENTITY_KEY_BYTES = 33;
export const MAX_CIPHERTEXT_BYTES = 40 * 1024;
/**
 * Neutral on purpose: a message pasted into a messenger or saved to a file should not name the
 * app to whoever reads over a shoulder or inspects the laptop. The first releases wrote the
 * app's name into these lines; such envelopes are read for ever (LEGACY_ARMOR).
 */
export const ARMOR_BEGIN = '-----BEGIN MESSAGE-----';
export const ARMOR_END = '-----END MESSAGE-----';
const LEGACY_ARMOR = { begin: '-----BEGIN TIKHO MESSAGE-----', end: '-----END TIKHO MESSAGE-----' };
const ARMOR_LINE_CHARS = 64;
const ADDRESS_PATTERN = /^[a-z0-9-]{3,64}$/;

export type EnvelopeMessageType = 'prekey' | 'whisper';

export interface ChannelEnvelope {
  messageType: EnvelopeMessageType;
  envelopeId: Uint8Array;
  senderAddress: string;
  senderDeviceId: number;
  senderRegistrationId: number;
  recipientAddress: string;
  /** Present exactly when messageType is 'prekey'. */
  senderIdentityKey: Uint8Array | null;
  ciphertext: Uint8Array;
}

const TYPE_CODES: Record<EnvelopeMessageType, number> = { prekey: 3, whisper: 2 };

export function encodeEnvelopeBinary(envelope: ChannelEnvelope): Uint8Array {
  assertEnvelopeFields(envelope);
  const sender = Buffer.from(envelope.senderAddress, 'ascii');
  const recipient = Buffer.from(envelope.recipientAddress, 'ascii');
  const identity = envelope.senderIdentityKey ?? new Uint8Array(0);
  const out = Buffer.alloc(
    2 +
      ENVELOPE_ID_BYTES +
      1 +
      sender.length +
      1 +
      2 +
      1 +
      recipient.length +
      1 +
      identity.length +
      4 +
      envelope.ciphertext.length,
  );
  let at = 0;
  at = out.writeUInt8(ENVELOPE_FORMAT_VERSION, at);
  at = out.writeUInt8(TYPE_CODES[envelope.messageType], at);
  out.set(envelope.envelopeId, at);
  at += ENVELOPE_ID_BYTES;
  at = out.writeUInt8(sender.length, at);
  out.set(sender, at);
  at += sender.length;
  at = out.writeUInt8(envelope.senderDeviceId, at);
  at = out.writeUInt16BE(envelope.senderRegistrationId, at);
  at = out.writeUInt8(recipient.length, at);
  out.set(recipient, at);
  at += recipient.length;
  at = out.writeUInt8(identity.length, at);
  out.set(identity, at);
  at += identity.length;
  at = out.writeUInt32BE(envelope.ciphertext.length, at);
  out.set(envelope.ciphertext, at);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

function assertEnvelopeFields(envelope: ChannelEnvelope): void {
  const ok =
    envelope.envelopeId.length === ENVELOPE_ID_BYTES &&
    ADDRESS_PATTERN.test(envelope.senderAddress) &&
    ADDRESS_PATTERN.test(envelope.recipientAddress) &&
    envelope.senderAddress !== envelope.recipientAddress &&
    Number.isInteger(envelope.senderDeviceId) &&
    envelope.senderDeviceId >= 1 &&
    envelope.senderDeviceId <= 127 &&
    Number.isInteger(envelope.senderRegistrationId) &&
    envelope.senderRegistrationId >= 1 &&
    envelope.senderRegistrationId <= 16380 &&
    (envelope.messageType === 'prekey'
      ? envelope.senderIdentityKey?.length === IDENTITY_KEY_BYTES
      : envelope.senderIdentityKey === null) &&
    envelope.ciphertext.length >= 1 &&
    envelope.ciphertext.length <= MAX_CIPHERTEXT_BYTES;
  if (!ok) {
    throw channelError('channel/envelope-malformed');
  }
}

/** Strict reader: any deviation, short read or trailing byte is `channel/envelope-malformed`. */
export function decodeEnvelopeBinary(bytes: Uint8Array): ChannelEnvelope {
  const malformed = () => channelError('channel/envelope-malformed');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (n: number): void => {
    if (at + n > buf.length) {
      throw malformed();
    }
  };
  const u8 = (): number => {
    need(1);
    const v = buf.readUInt8(at);
    at += 1;
    return v;
  };
  const take = (n: number): Uint8Array => {
    need(n);
    const slice = new Uint8Array(buf.subarray(at, at + n));
    at += n;
    return slice;
  };
  const address = (): string => {
    const text = Buffer.from(take(u8())).toString('latin1');
    if (!ADDRESS_PATTERN.test(text)) {
      throw malformed();
    }
    return text;
  };

  const version = u8();
  if (version !== ENVELOPE_FORMAT_VERSION) {
    throw channelError('channel/envelope-version-unsupported', { version });
  }
  const typeCode = u8();
  const messageType: EnvelopeMessageType | null =
    typeCode === 3 ? 'prekey' : typeCode === 2 ? 'whisper' : null;
  if (messageType === null) {
    throw malformed();
  }
  const envelopeId = take(ENVELOPE_ID_BYTES);
  const senderAddress = address();
  const senderDeviceId = u8();
  need(2);
  const senderRegistrationId = buf.readUInt16BE(at);
  at += 2;
  const recipientAddress = address();
  const identityLength = u8();
  const senderIdentityKey = identityLength === 0 ? null : take(identityLength);
  need(4);
  const ciphertextLength = buf.readUInt32BE(at);
  at += 4;
  if (ciphertextLength > MAX_CIPHERTEXT_BYTES) {
    throw channelError('channel/envelope-too-large');
  }
  const ciphertext = take(ciphertextLength);
  if (at !== buf.length) {
    throw malformed();
  }
  const envelope: ChannelEnvelope = {
    messageType,
    envelopeId,
    senderAddress,
    senderDeviceId,
    senderRegistrationId,
    recipientAddress,
    senderIdentityKey,
    ciphertext,
  };
  assertEnvelopeFields(envelope);
  return envelope;
}

export function armorEnvelopeBytes(bytes: Uint8Array): string {
  const base64 = toBase64(bytes);
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += ARMOR_LINE_CHARS) {
    lines.push(base64.slice(i, i + ARMOR_LINE_CHARS));
  }
  return `${ARMOR_BEGIN}\n${lines.join('\n')}\n${ARMOR_END}\n`;
}

/**
 * Reads the armored (and file) form. Accepted: optional surrounding whitespace, LF or CRLF line
 * ends, base64 lines of at most 76 characters. Nothing else: no text around the block, no
 * headers, no blank lines, no non-canonical base64.
 */
export function dearmorEnvelopeBytes(text: string): Uint8Array {
  if (text.length > MAX_ARMORED_ENVELOPE_CHARS) {
    throw channelError('channel/envelope-too-large');
  }
  const lines = text.replace(/\r\n/g, '\n').trim().split('\n');
  const first = lines[0];
  const last = lines[lines.length - 1];
  const framed =
    (first === ARMOR_BEGIN && last === ARMOR_END) ||
    (first === LEGACY_ARMOR.begin && last === LEGACY_ARMOR.end);
  if (lines.length < 3 || !framed) {
    throw channelError('channel/envelope-malformed');
  }
  const body = lines.slice(1, -1);
  const lastIndex = body.length - 1;
  for (const [index, line] of body.entries()) {
    const pattern = index === lastIndex ? /^[A-Za-z0-9+/]{1,76}={0,2}$/ : /^[A-Za-z0-9+/]{1,76}$/;
    if (!pattern.test(line) || line.length > 76) {
      throw channelError('channel/envelope-malformed');
    }
  }
  const decoded = fromBase64Strict(body.join(''));
  if (decoded === null || decoded.length === 0) {
    throw channelError('channel/envelope-malformed');
  }
  return decoded;
}

export function encodeArmoredEnvelope(envelope: ChannelEnvelope): string {
  return armorEnvelopeBytes(encodeEnvelopeBinary(envelope));
}

export function parseArmoredEnvelope(text: string): ChannelEnvelope {
  return decodeEnvelopeBinary(dearmorEnvelopeBytes(text));
}
