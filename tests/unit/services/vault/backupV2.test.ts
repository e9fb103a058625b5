import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASS, floorVault, tempDir } from './helpers';
import { chiSquare, folderState, unmaskPreamble, windows } from './backupTools';
import { unmasked } from './headerTools';
import { recoverySecretFromInput } from '../../../../electron/services/vault/recoveryCode';

/**
 * Backup file version 2 (docs/vault-format.md §Backup file), through the public vault API and
 * real files. The layout checks read the file from the document (SHAKE256 mask, offsets), not from
 * the code. Version 1 files are the ones main wrote before version 2 (tests/fixtures/vault/backup-v1).
 */
let ctx: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  ctx = await tempDir();
});
afterEach(async () => {
  await ctx.cleanup();
});

const DURESS = 'duress words for the backup test';
const OWN = 'a passphrase only for this backup';
const ATTACHMENT = Buffer.from(Array.from({ length: 150_000 }, (_, i) => (i * 7 + 3) & 0xff));
const V1 = resolve(__dirname, '../../../fixtures/vault/backup-v1');

type Vault = ReturnType<typeof floorVault>;

/** A vault with a duress slot, a recovery code, a note with an attachment (3 STREAM chunks) and a record. */
async function sourceVault(
  name: string,
): Promise<{ v: Vault; noteId: string; dir: string; recovery: string }> {
  const dir = join(ctx.dir, name);
  const v = floorVault(dir);
  const { recoveryCode } = await v.create(PASS, { withRecoveryCode: true });
  await v.setSlot('duress', DURESS);
  const note = await v.notes.create({ title: 'Явка', body: 'адрес и время', tags: ['t'], pinned: false });
  await writeFile(join(dir, 'scan.bin'), ATTACHMENT);
  await v.attachments.add(note.id, {
    name: 'scan.jpg',
    mime: 'image/jpeg',
    sourcePath: join(dir, 'scan.bin'),
  });
  await v.records.write('pgp-keys', 'k1', Buffer.from('key material'));
  // The secret the recovery slot's KEK is derived from (what unlockWithRecoveryCode makes of the typed code).
  const recovery = recoverySecretFromInput((recoveryCode ?? []).join(' '));
  return { v, noteId: note.id, dir, recovery };
}

async function emptyVault(name: string): Promise<Vault> {
  const w = floorVault(join(ctx.dir, name));
  await w.create('the target vault passphrase', { withRecoveryCode: false });
  return w;
}

async function expectImported(w: Vault, noteId: string): Promise<void> {
  expect(w.notes.list().map((n) => n.id)).toEqual([noteId]);
  expect(w.notes.get(noteId)).toMatchObject({ title: 'Явка', body: 'адрес и время' });
  const [att] = await w.attachments.list(noteId);
  expect(att?.name).toBe('scan.jpg');
  expect(att && (await w.attachments.read(att.id)).equals(ATTACHMENT)).toBe(true);
  expect(Buffer.from((await w.records.read('pgp-keys', 'k1')) ?? []).toString()).toBe('key material');
}

/** An import that must fail with `code` and leave the target vault exactly as it was. */
async function expectRefused(w: Vault, name: string, file: string, passphrase: string, code: string) {
  const before = await folderState(join(ctx.dir, name, 'vault'));
  await expect(w.backup.importEncrypted(file, passphrase), code).rejects.toMatchObject({ code });
  expect(w.notes.list()).toEqual([]);
  expect(await w.records.list('pgp-keys')).toEqual([]);
  expect(await folderState(join(ctx.dir, name, 'vault'))).toEqual(before);
}

describe('backup version 2: slots', () => {
  it('"with the vault passphrase" opens with the passphrase the session was unlocked with only, never the duress one or the recovery code', async () => {
    const { v, noteId, dir, recovery } = await sourceVault('a');
    const out = join(ctx.dir, 'vault-pass.bin');
    await v.backup.exportEncrypted(out);
    // Sealed under the session's KEK: the vault's salt and parameters, masked (read from the docs' layout).
    const vaultSalt = unmasked(await readFile(join(dir, 'vault', 'index.bin')), 0).subarray(16, 32);
    expect(unmaskPreamble(await readFile(out))).toEqual({ salt: vaultSalt, m: 19_456, t: 2, p: 1 });

    const w = await emptyVault('b');
    for (const wrong of [DURESS, recovery, OWN])
      await expectRefused(w, 'b', out, wrong, 'vault/wrong-passphrase');
    expect(await w.backup.importEncrypted(out, PASS)).toEqual({ records: 2, attachments: 1 });
    await expectImported(w, noteId);

    // After a passphrase change the session's KEK is the new passphrase's: the old one opens nothing.
    const next = `${PASS} changed`;
    // The change rotates the master key and replaces the recovery code: the new one is used below.
    const { recoveryCode: newCode } = await v.changePassphrase(PASS, next);
    const later = join(ctx.dir, 'vault-pass-later.bin');
    await v.backup.exportEncrypted(later);
    const x = await emptyVault('c');
    await expectRefused(x, 'c', later, PASS, 'vault/wrong-passphrase');
    expect(await x.backup.importEncrypted(later, next)).toEqual({ records: 2, attachments: 1 });
    await expectImported(x, noteId);

    // A session unlocked with the recovery code seals with the recovery KEK: the primary passphrase
    // does not open that backup (and `recovery` above was a secret that really opens a slot).
    await v.lock();
    expect(await v.unlock(recovery)).toEqual({ ok: false });
    if (newCode === null) throw new Error('the passphrase change should have shown a new recovery code');
    const newRecovery = recoverySecretFromInput(newCode.join(' '));
    expect(await v.unlock(newRecovery)).toEqual({ ok: true, role: 'recovery' });
    const fromRecovery = join(ctx.dir, 'vault-pass-recovery.bin');
    await v.backup.exportEncrypted(fromRecovery);
    const y = await emptyVault('d');
    await expectRefused(y, 'd', fromRecovery, next, 'vault/wrong-passphrase');
    expect(await y.backup.importEncrypted(fromRecovery, newRecovery)).toEqual({ records: 2, attachments: 1 });
  }, 120_000);

  it('a recovery session that set a new passphrase seals with the new one, not the recovery code', async () => {
    const { v, noteId, recovery } = await sourceVault('a');
    await v.lock();
    expect(await v.unlock(recovery)).toEqual({ ok: true, role: 'recovery' });
    const next = `${PASS} after recovery`;
    await v.setPassphraseAfterRecovery(next);
    const out = join(ctx.dir, 'after-recovery.bin');
    await v.backup.exportEncrypted(out);
    const w = await emptyVault('b');
    for (const wrong of [recovery, PASS]) await expectRefused(w, 'b', out, wrong, 'vault/wrong-passphrase');
    expect(await w.backup.importEncrypted(out, next)).toEqual({ records: 2, attachments: 1 });
    await expectImported(w, noteId);
  }, 120_000);

  it('"with its own passphrase" opens with that one only, under a fresh salt', async () => {
    const { v, noteId, dir } = await sourceVault('a');
    const out = join(ctx.dir, 'own.bin');
    await v.backup.exportEncrypted(out, OWN);
    const vaultSalt = unmasked(await readFile(join(dir, 'vault', 'index.bin')), 0).subarray(16, 32);
    const read = unmaskPreamble(await readFile(out));
    expect([read.m, read.t, read.p]).toEqual([19_456, 2, 1]);
    expect(read.salt.equals(vaultSalt)).toBe(false);

    const w = await emptyVault('b');
    for (const wrong of [PASS, DURESS, 'wrong one!'])
      await expectRefused(w, 'b', out, wrong, 'vault/wrong-passphrase');
    expect(await w.backup.importEncrypted(out, OWN)).toEqual({ records: 2, attachments: 1 });
    await expectImported(w, noteId);
    // The import survives a lock: it went into the target vault's own records.
    await w.lock();
    await w.unlock('the target vault passphrase');
    await expectImported(w, noteId);
  }, 120_000);
});

describe('backup version 2: damage', () => {
  it('a truncated, extended or flipped file fails as damaged and leaves the target vault unchanged', async () => {
    const { v } = await sourceVault('a');
    const out = join(ctx.dir, 'b.bin');
    await v.backup.exportEncrypted(out, OWN);
    const good = await readFile(out);
    const sealedChunk = 64 * 1024 + 16;
    const preamble = 131;
    // 150 000 B of attachment plus entries: three chunks, the last one shorter.
    expect(Math.ceil((good.length - preamble) / sealedChunk)).toBe(3);
    const flip = (at: number): Buffer => {
      const b = Buffer.from(good);
      b[at] = (b[at] ?? 0) ^ 0x20;
      return b;
    };
    const cases: Array<[string, Buffer]> = [
      ['cut inside the preamble', good.subarray(0, 100)],
      ['preamble only', good.subarray(0, preamble)],
      ['last chunk dropped (cut at a chunk boundary)', good.subarray(0, preamble + 2 * sealedChunk)],
      ['last byte cut', good.subarray(0, good.length - 1)],
      ['one byte appended', Buffer.concat([good, Buffer.from([0])])],
      ['a whole chunk appended', Buffer.concat([good, good.subarray(preamble, preamble + sealedChunk)])],
      ['flip in the file nonce (the mask changes, parameters implausible)', flip(5)],
      ['flip in the masked memory parameter', flip(32 + 16)],
      ['flip in the STREAM nonce prefix', flip(preamble - 2)],
      ['flip in the first chunk', flip(preamble + 10)],
      ['flip in the last chunk tag', flip(good.length - 3)],
    ];
    const w = await emptyVault('t');
    const bad = join(ctx.dir, 'bad.bin');
    for (const [name, bytes] of cases) {
      await writeFile(bad, bytes);
      await expectRefused(w, 't', bad, OWN, 'vault/backup-damaged').catch((err: unknown) => {
        throw new Error(`${name}: ${String(err)}`);
      });
    }
    // No unkeyed checksum (nothing fixed to carve for): a changed slot byte reads as a wrong
    // passphrase, and still writes nothing.
    await writeFile(bad, flip(60 + 20));
    await expectRefused(w, 't', bad, OWN, 'vault/wrong-passphrase');
    // The intact file still imports into the same vault afterwards.
    expect(await w.backup.importEncrypted(out, OWN)).toEqual({ records: 2, attachments: 1 });
  }, 180_000);
});

describe('backup version 2: looks random', () => {
  it('names no app, shares no 8-byte run with another backup of the same vault or its header, and starts differently each time', async () => {
    const { v, dir } = await sourceVault('a');
    const files: Buffer[] = [];
    // Eight exports of one vault, six with the vault's passphrase (same KEK, salt and parameters
    // each time), two with the same own passphrase.
    for (let i = 0; i < 8; i++) {
      const file = join(ctx.dir, `${i}.bin`);
      await v.backup.exportEncrypted(file, i < 6 ? undefined : OWN);
      files.push(await readFile(file));
    }
    for (const f of files) {
      for (const text of [f.toString('latin1'), f.toString('utf8')])
        expect(/tikho|тихо/iu.exec(text)?.[0], 'the file names the app').toBeUndefined();
    }
    const [a, b, , , , , c] = files as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
    expect(a.subarray(0, 64).equals(b.subarray(0, 64))).toBe(false);
    // The front of the files, where a format puts what it does not encrypt: 8 × 512 bytes.
    // 255 df: mean 255, sd 22.6; 400 is over 6 sd, a false alarm about once in 10^9 runs.
    expect(chiSquare(Buffer.concat(files.map((f) => f.subarray(0, 512))))).toBeLessThan(400);
    // A run of 8 bytes shared by two backups of one vault (or by a backup and the vault's header)
    // is a pattern a carver could search for; random data repeats one with probability ~ n² / 2^64.
    const header = await readFile(join(dir, 'vault', 'index.bin'));
    const seen = new Map<string, string>();
    const shared: string[] = [];
    // Three whole files (two with the vault's passphrase, one with its own), the fronts of the rest.
    const fronts = [2, 3, 4, 5, 7].map(
      (i) => [`${i}`, (files[i] ?? Buffer.alloc(0)).subarray(0, 512)] as const,
    );
    for (const [name, bytes] of [
      ['0', a] as const,
      ['1', b] as const,
      ['6', c] as const,
      ['index.bin', header] as const,
      ...fronts,
    ]) {
      for (const w of windows(bytes)) {
        const first = seen.get(w);
        if (first !== undefined && first !== name) shared.push(`${w} in ${first} and ${name}`);
        seen.set(w, name);
      }
    }
    expect(shared.slice(0, 5), '8-byte runs shared between files').toEqual([]);
  }, 120_000);
});

describe('backup version 1 (read only)', () => {
  interface Secrets {
    vaultPassphrase: string;
    duressPassphrase: string;
    backupPassphrase: string;
    noteId: string;
    noteTitle: string;
    noteBody: string;
    attachment: { name: string; size: number; byte: number };
    record: { collection: string; id: string; text: string };
  }
  const secrets = async (): Promise<Secrets> =>
    JSON.parse(await readFile(join(V1, 'secrets.json'), 'utf8')) as Secrets;

  it('backups written by the version-1 writer still import, with their own and with the vault passphrase', async () => {
    const s = await secrets();
    for (const [name, file, pass] of [
      ['own', 'own-passphrase.bin', s.backupPassphrase],
      ['vault', 'vault-passphrase.bin', s.vaultPassphrase],
    ] as const) {
      const bytes = await readFile(join(V1, file));
      expect(bytes.subarray(0, 8).toString('latin1')).toBe('TIKHOBAK');
      const w = await emptyVault(name);
      await expectRefused(w, name, join(V1, file), s.duressPassphrase, 'vault/wrong-passphrase');
      expect(await w.backup.importEncrypted(join(V1, file), pass)).toEqual({ records: 2, attachments: 1 });
      expect(w.notes.get(s.noteId)).toMatchObject({ title: s.noteTitle, body: s.noteBody });
      const [att] = await w.attachments.list(s.noteId);
      expect(att?.name).toBe(s.attachment.name);
      expect(
        att && (await w.attachments.read(att.id)).equals(Buffer.alloc(s.attachment.size, s.attachment.byte)),
      ).toBe(true);
      const rec = await w.records.read(s.record.collection, s.record.id);
      expect(Buffer.from(rec ?? []).toString()).toBe(s.record.text);
    }
  }, 120_000);

  it('a damaged version-1 backup still fails as damaged and writes nothing', async () => {
    const s = await secrets();
    const good = await readFile(join(V1, 'own-passphrase.bin'));
    const w = await emptyVault('t');
    const bad = join(ctx.dir, 'bad.bin');
    // In the header block (its checksum fails), in the last chunk, and the version field.
    for (const at of [10 + 100, good.length - 3, 9]) {
      const b = Buffer.from(good);
      b[at] = (b[at] ?? 0) ^ 1;
      await writeFile(bad, b);
      await expectRefused(w, 't', bad, s.backupPassphrase, 'vault/backup-damaged');
    }
  }, 120_000);
});
