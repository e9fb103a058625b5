import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  deriveKek,
  deriveRecordKey,
  deriveSubkeys,
  recordFileName,
} from '../../../../electron/services/vault/keyDerivation';
import { openRecord, recordAad, sealRecord } from '../../../../electron/services/vault/recordCodec';
import { paddedLength } from '../../../../electron/services/vault/padding';

/** The same values are printed in docs/vault-format.md §Test vectors; this test checks both. */
const V = {
  passphrase: 'тихо-vector-passphrase',
  salt: 'tikhovectorsalt!',
  kek: 'ccada754b180fe617f801d298dcfd10678e12ab33d09eff0a4b1ed2e7b318b03',
  recordKey: 'c784f187bc15ad581c0cc0831bc4d0679332daba3d348cf00be8202026fdca6a',
  fileName: '2208c27cfc5a62c7e1c0c873c2dea64588c2178c5e14180340b94e56ad81b828',
  recordSha256: '6ba7cae1ba2ff23159207a00adb075d7e8d2b0b759b2e7700d9f1307be786adc',
  recordTag: 'ee6f24b4ea81692fee9467423fa8d312',
};
const master = Buffer.alloc(32, 0x11);
const vaultId = Buffer.alloc(16, 0x22);
const nonce = Buffer.alloc(12, 0x33);

describe('format test vectors', () => {
  it('derives the documented KEK, and the reference argon2 CLI agrees', async () => {
    const kek = await deriveKek(V.passphrase, Buffer.from(V.salt, 'ascii'), {
      memoryKiB: 19_456,
      iterations: 2,
      parallelism: 1,
    });
    expect(kek.toString('hex')).toBe(V.kek);
    const cli = execFileSync(
      '/usr/bin/argon2',
      [V.salt, '-id', '-k', '19456', '-t', '2', '-p', '1', '-l', '32', '-r'],
      { input: V.passphrase },
    )
      .toString()
      .trim();
    expect(cli).toBe(V.kek);
  });

  it('derives the documented record key and file name, and seals the documented ciphertext', () => {
    const key = deriveRecordKey(master, vaultId, 'notes', 'note-1');
    expect(key.toString('hex')).toBe(V.recordKey);
    expect(recordFileName(deriveSubkeys(master, vaultId).fileNames, 'notes', 'note-1')).toBe(V.fileName);
    const sealed = sealRecord(key, nonce, recordAad(vaultId, 'notes', 'note-1'), 1, Buffer.from('hello'));
    expect(sealed.length).toBe(2 + 12 + 1024 + 16);
    expect(createHash('sha256').update(sealed).digest('hex')).toBe(V.recordSha256);
    expect(sealed.subarray(sealed.length - 16).toString('hex')).toBe(V.recordTag);
    expect(openRecord(key, recordAad(vaultId, 'notes', 'note-1'), sealed).data.toString()).toBe('hello');
  });

  it('docs/vault-format.md carries the same vectors', async () => {
    const doc = await readFile(resolve(__dirname, '../../../../docs/vault-format.md'), 'utf8');
    for (const value of Object.values(V)) expect(doc).toContain(value);
  });

  it('pads to the documented buckets', () => {
    expect(paddedLength(1)).toBe(1024);
    expect(paddedLength(1025)).toBe(2048);
    expect(paddedLength(65_536)).toBe(65_536);
    expect(paddedLength(100 * 1024 * 1024)).toBeGreaterThanOrEqual(100 * 1024 * 1024);
    expect(paddedLength(100 * 1024 * 1024 + 1) / (100 * 1024 * 1024)).toBeLessThan(1.12);
  });
});
