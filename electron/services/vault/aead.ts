import { createCipheriv, createDecipheriv } from 'node:crypto';
import { GCM_NONCE_BYTES, GCM_TAG_BYTES } from './formatConstants';

/** AES-256-GCM, output nonce || ciphertext || tag (NIST SP 800-38D). */
export function sealGcm(key: Buffer, nonce: Buffer, plaintext: Uint8Array, aad: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: GCM_TAG_BYTES });
  cipher.setAAD(aad);
  const body = cipher.update(plaintext);
  const final = cipher.final();
  return Buffer.concat([nonce, body, final, cipher.getAuthTag()]);
}

/** Returns null when authentication fails (wrong key, tampered bytes, wrong AAD). */
export function openGcm(key: Buffer, sealed: Uint8Array, aad: Buffer): Buffer | null {
  if (sealed.length < GCM_NONCE_BYTES + GCM_TAG_BYTES) return null;
  const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const nonce = buf.subarray(0, GCM_NONCE_BYTES);
  const tag = buf.subarray(buf.length - GCM_TAG_BYTES);
  const body = buf.subarray(GCM_NONCE_BYTES, buf.length - GCM_TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: GCM_TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    const out = decipher.update(body);
    const final = decipher.final();
    return final.length === 0 ? out : Buffer.concat([out, final]);
  } catch {
    return null;
  }
}
