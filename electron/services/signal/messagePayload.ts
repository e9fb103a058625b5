import { MAX_MESSAGE_BODY_BYTES } from '../../../shared/channel/channelTypes';
import { bytesEqual, fromUtf8Strict, utf8 } from './bytes';
import { channelError } from './channelErrors';
import { ENVELOPE_ID_BYTES } from './envelopeCodec';

/**
 * What libsignal encrypts: the envelope id (so a header cannot be re-labelled), the sender's
 * clock and the body, zero-padded to a multiple of PAD_BUCKET_BYTES so ciphertext length
 * reveals only a coarse size.
 *
 *   u8 version (1) | 16 B envelope id | u64 sentAt ms | u32 body length | body UTF-8 | zeros
 */
const PAYLOAD_VERSION = 1;
const HEADER_BYTES = 1 + ENVELOPE_ID_BYTES + 8 + 4;
export const PAD_BUCKET_BYTES = 512;

export interface MessagePayload {
  envelopeId: Uint8Array;
  sentAt: number;
  body: string;
}

export function bodyByteLength(body: string): number {
  return Buffer.byteLength(body, 'utf8');
}

export function encodeMessagePayload(payload: MessagePayload): Uint8Array<ArrayBuffer> {
  const body = utf8(payload.body);
  if (body.length > MAX_MESSAGE_BODY_BYTES) {
    throw channelError('channel/message-too-large', { maxBytes: MAX_MESSAGE_BODY_BYTES });
  }
  const unpadded = HEADER_BYTES + body.length;
  const total = Math.ceil(unpadded / PAD_BUCKET_BYTES) * PAD_BUCKET_BYTES;
  const out = Buffer.alloc(total);
  let at = out.writeUInt8(PAYLOAD_VERSION, 0);
  out.set(payload.envelopeId, at);
  at += ENVELOPE_ID_BYTES;
  at = out.writeBigUInt64BE(BigInt(payload.sentAt), at);
  at = out.writeUInt32BE(body.length, at);
  out.set(body, at);
  const result = new Uint8Array(total);
  result.set(out);
  return result;
}

/** Anything unexpected after authenticated decryption means a sender bug or forgery: tampered. */
export function decodeMessagePayload(bytes: Uint8Array, outerEnvelopeId: Uint8Array): MessagePayload {
  const tampered = () => channelError('channel/tampered');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (
    buf.length < HEADER_BYTES ||
    buf.length % PAD_BUCKET_BYTES !== 0 ||
    buf.readUInt8(0) !== PAYLOAD_VERSION
  ) {
    throw tampered();
  }
  const envelopeId = new Uint8Array(buf.subarray(1, 1 + ENVELOPE_ID_BYTES));
  if (!bytesEqual(envelopeId, outerEnvelopeId)) {
    throw tampered();
  }
  const sentAt = buf.readBigUInt64BE(1 + ENVELOPE_ID_BYTES);
  const bodyLength = buf.readUInt32BE(1 + ENVELOPE_ID_BYTES + 8);
  if (
    sentAt > BigInt(Number.MAX_SAFE_INTEGER) ||
    bodyLength > MAX_MESSAGE_BODY_BYTES ||
    HEADER_BYTES + bodyLength > buf.length
  ) {
    throw tampered();
  }
  const padding = buf.subarray(HEADER_BYTES + bodyLength);
  if (padding.some((b) => b !== 0)) {
    throw tampered();
  }
  let body: string;
  try {
    body = fromUtf8Strict(buf.subarray(HEADER_BYTES, HEADER_BYTES + bodyLength));
  } catch {
    throw tampered();
  }
  return { envelopeId, sentAt: Number(sentAt), body };
}
