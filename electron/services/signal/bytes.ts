/** Small byte helpers; libsignal wants Uint8Array<ArrayBuffer>, so copies are made explicit. */

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Strict standard base64: rejects anything that does not re-encode to the same text. */
export function fromBase64Strict(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    return null;
  }
  const decoded = Buffer.from(text, 'base64');
  if (decoded.toString('base64') !== text) {
    return null;
  }
  return copyBytes(decoded);
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

export function copyBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes.byteLength);
  out.set(bytes);
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) {
    return false;
  }
  let diff = 0;
  for (let i = 0; i < a.byteLength; i += 1) {
    diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  }
  return diff === 0;
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return copyBytes(encoder.encode(text));
}

/** Throws on invalid UTF-8 instead of inserting replacement characters. */
export function fromUtf8Strict(bytes: Uint8Array): string {
  return strictDecoder.decode(bytes);
}

export function encodeJson(value: unknown): Uint8Array<ArrayBuffer> {
  return utf8(JSON.stringify(value));
}
