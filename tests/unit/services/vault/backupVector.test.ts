import { createCipheriv, createHash, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openPreambleV2, sealPreambleV2 } from '../../../../electron/services/vault/backupPreambleV2';
import { sealChunk } from '../../../../electron/services/vault/chunkedAead';

/**
 * The backup version-2 vector printed in docs/vault-format.md §Test vectors: the file is rebuilt
 * from the document with raw node:crypto (SHAKE256, HKDF, AES-256-GCM), compared with what the
 * vault code writes, and with the hashes in the document; then opened with the vector passphrase.
 */
/** Printed in docs/vault-format.md §Test vectors (backup version 2); this test checks both. */
const VECTOR = {
  contentKey: '5fad66325f69489bd2e25d81b38e412ced4dce313e56b87fb08cba937c47d68d',
  fileSha256: '82e5ebb0dce3854f0f8bab352cb06ba4be9fa0192d7e61662f5d6355db5d37c1',
};
const PASSPHRASE = 'тихо-vector-passphrase';
const KEK = Buffer.from('ccada754b180fe617f801d298dcfd10678e12ab33d09eff0a4b1ed2e7b318b03', 'hex');
const salt = Buffer.from('tikhovectorsalt!', 'ascii');
const kdf = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };

/** Draw i (in the order the writer asks: N 32, root 32, slot nonce 12, prefix 7) = SHAKE256("tikho-backup-vector/" || i). */
function draws(): (n: number) => Buffer {
  let i = 0;
  return (n) => createHash('shake256', { outputLength: n }).update(`tikho-backup-vector/${i++}`).digest();
}

function lp(b: Uint8Array | string): Buffer {
  const bytes = typeof b === 'string' ? Buffer.from(b, 'utf8') : Buffer.from(b);
  const l = Buffer.alloc(4);
  l.writeUInt32BE(bytes.length);
  return Buffer.concat([l, bytes]);
}

/** One record entry ("notes", "note-1", "hello") and the end entry: a single, final chunk. */
const PLAIN = Buffer.concat([Buffer.from([1]), lp('notes'), lp('note-1'), lp('hello'), Buffer.from([0])]);

function gcm(key: Buffer, nonce: Buffer, plain: Buffer, aad: Buffer): Buffer {
  const c = createCipheriv('aes-256-gcm', key, nonce);
  c.setAAD(aad);
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([body, c.getAuthTag()]);
}

function independentFile(): { file: Buffer; contentKey: Buffer } {
  const draw = draws();
  const [n, root, slotNonce, prefix] = [draw(32), draw(32), draw(12), draw(7)];
  const params = Buffer.alloc(12);
  params.writeUInt32BE(kdf.memoryKiB, 0);
  params.writeUInt32BE(kdf.iterations, 4);
  params.writeUInt32BE(kdf.parallelism, 8);
  const mask = createHash('shake256', { outputLength: 28 })
    .update(Buffer.concat([lp('tikho/v2/backup-mask'), lp(n)]))
    .digest();
  const masked = Buffer.concat([salt, params]).map((b, i) => b ^ (mask[i] ?? 0));
  // slotBinding: the 64 bytes a format-1 header would start with, vault id := N[0..15].
  const binding = Buffer.alloc(64);
  binding.write('TIKHOVLT', 0, 'ascii');
  binding.writeUInt16BE(1, 8);
  n.copy(binding, 12, 0, 16);
  binding.writeUInt8(1, 28);
  binding.writeUInt8(0x13, 29);
  params.copy(binding, 32);
  salt.copy(binding, 44);
  binding.writeUInt8(4, 60);
  const slotPlain = Buffer.concat([Buffer.from([1, 0, 0, 0]), root]);
  const slot = Buffer.concat([
    slotNonce,
    gcm(KEK, slotNonce, slotPlain, Buffer.concat([binding, Buffer.from([0])])),
  ]);
  const preamble = Buffer.concat([n, masked, slot, prefix]);
  expect(preamble.length).toBe(131);
  const contentKey = Buffer.from(
    hkdfSync('sha256', root, Buffer.alloc(0), Buffer.concat([lp('tikho/v2/backup'), lp(n)]), 32),
  );
  const chunkNonce = Buffer.concat([prefix, Buffer.from([0, 0, 0, 0, 1])]);
  const aad = Buffer.concat([lp('tikho/v2/backup-stream'), preamble]);
  return { file: Buffer.concat([preamble, gcm(contentKey, chunkNonce, PLAIN, aad)]), contentKey };
}

describe('backup version 2 vector', () => {
  it('the document, the raw rebuild and the writer agree, and the vector passphrase opens it', async () => {
    const expected = independentFile();
    const sealed = sealPreambleV2({ kek: KEK, salt, kdf, role: 'primary' }, draws());
    const written = Buffer.concat([
      sealed.preamble,
      sealChunk(sealed.key, sealed.prefix, 0, true, sealed.aad, PLAIN),
    ]);
    expect(written.toString('hex')).toBe(expected.file.toString('hex'));
    expect(sealed.key.toString('hex')).toBe(expected.contentKey.toString('hex'));
    expect(sealed.key.toString('hex')).toBe(VECTOR.contentKey);
    expect(createHash('sha256').update(written).digest('hex')).toBe(VECTOR.fileSha256);
    const opened = await openPreambleV2(written.subarray(0, 131), PASSPHRASE);
    expect(opened.key.equals(sealed.key)).toBe(true);
    expect(opened.bodyOffset).toBe(131);
  });
});
