/**
 * Residue scan (issue 6 §6): after each trigger, no byte of what the user kept may be found in the
 * data folder or in anything the test run created in the OS temp folder, and the old passphrase
 * must open nothing. Real vault (floor Argon2id), real PGP key, real files.
 */
import { randomBytes } from 'node:crypto';
import { lstat, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPgpService } from '../../../../electron/services/pgp';
import type { PanicService } from '../../../../electron/services/panic';
import type { VaultService } from '../../../../electron/services/vault/vaultService';
import { DURESS_PASS, REAL_PASS, allFiles, floorVault, makeEnv, makeService, type Env } from './helpers';

let env: Env;
let started = 0;
let tmpPrefix = '';
beforeEach(async () => {
  started = Date.now() - 1000;
  env = await makeEnv();
  tmpPrefix = `tikho-res${randomBytes(4).toString('hex')}-`;
});
afterEach(async () => {
  await env.cleanup();
});

interface Secrets {
  needles: { name: string; bytes: Buffer }[];
  vault: VaultService;
  svc: PanicService;
}

async function fill(extra: { wallClock?: () => number } = {}): Promise<Secrets> {
  const marker = `RESIDUE-${randomBytes(8).toString('hex')}`;
  const pattern = Buffer.concat(Array.from({ length: 64 }, () => Buffer.from('deadbeefcafe0bad', 'hex')));
  const vault = floorVault(join(env.dataDir, 'vault'));
  await vault.create(REAL_PASS, { withRecoveryCode: false });
  const notes = [];
  for (let i = 0; i < 5; i++)
    notes.push(
      await vault.notes.create({
        title: `${marker} t${i}`,
        body: `${marker} body ${i}`,
        tags: [marker],
        pinned: false,
      }),
    );
  const src = join(env.root, 'evidence.bin');
  await writeFile(src, Buffer.concat(Array.from({ length: 40 }, () => pattern)));
  const first = notes[0];
  if (!first) throw new Error('no note');
  await vault.attachments.add(first.id, {
    name: `${marker}.bin`,
    mime: 'application/octet-stream',
    sourcePath: src,
  });
  const pgp = createPgpService({ records: vault.records });
  const own = await pgp.generateOwnKey({ name: marker });
  const keyIds = await vault.records.list('pgp-own-keys');
  const keyRecord = await vault.records.read('pgp-own-keys', keyIds[0] ?? '');
  if (!keyRecord) throw new Error('no key record');
  await vault.records.write(
    'checklist-progress',
    'messengers-2fa',
    Buffer.from(JSON.stringify({ status: 'done', marker })),
  );
  await writeFile(join(env.dataDir, 'settings.json'), JSON.stringify({ language: 'uk', note: marker }));
  await writeFile(join(env.dataDir, 'Preferences'), JSON.stringify({ marker }));
  await writeFile(join(tmpdir(), `${tmpPrefix}export.asc`), `${marker} exported request`);
  const vaultId = vault.vaultId ?? '';
  const svc = makeService(env, vault, { tmpDir: tmpdir(), tmpPrefix, ...extra });
  const keyText = Buffer.from(keyRecord).toString('utf8');
  const needles = [
    { name: 'marker', bytes: Buffer.from(marker) },
    { name: 'pattern', bytes: pattern.subarray(0, 32) },
    { name: 'vault id hex', bytes: Buffer.from(vaultId) },
    { name: 'vault id raw', bytes: Buffer.from(vaultId, 'hex') },
    { name: 'pgp fingerprint', bytes: Buffer.from(own.fingerprint) },
    // A slice from the middle of the secret-key record (armored key material).
    {
      name: 'pgp secret',
      bytes: Buffer.from(keyText.slice(Math.floor(keyText.length / 2), Math.floor(keyText.length / 2) + 40)),
    },
    ...vault.keyBuffersForTestsOnly().map((k, i) => ({ name: `key buffer ${i}`, bytes: Buffer.from(k) })),
  ];
  return { needles, vault, svc };
}

/** Every file the test run could have produced: the data folder and temp entries changed since the start. */
async function scanTargets(): Promise<string[]> {
  const files = await allFiles(env.dataDir);
  for (const name of await readdir(tmpdir())) {
    const p = join(tmpdir(), name);
    const st = await lstat(p).catch(() => null);
    if (!st || st.mtimeMs < started || p === env.root) continue;
    if (st.isDirectory()) files.push(...(await allFiles(p)));
    else if (st.isFile()) files.push(p);
  }
  return files;
}

async function residue(s: Secrets): Promise<string[]> {
  const hits: string[] = [];
  for (const f of await scanTargets()) {
    const bytes = await readFile(f).catch(() => null);
    if (!bytes) continue;
    for (const n of s.needles)
      if (n.bytes.length >= 8 && bytes.includes(n.bytes)) hits.push(`${n.name} in ${f}`);
  }
  return hits;
}

async function expectNoResidue(s: Secrets): Promise<void> {
  expect(await residue(s)).toEqual([]);
  for (const b of s.vault.keyBuffersForTestsOnly()) expect(b.every((x) => x === 0)).toBe(true);
  // The old passphrase opens nothing left in the folder.
  const left = floorVault(join(env.dataDir, 'vault'));
  if (await left.exists()) expect(await left.unlock(REAL_PASS)).toEqual({ ok: false });
  const spare = floorVault(join(env.dataDir, 'spare'));
  if (await spare.exists()) expect(await spare.unlock(REAL_PASS)).toEqual({ ok: false });
  // spare/ is the filler a notebook's folder always has (spareFolder.ts), vault/ the decoy.
  expect((await readdir(env.dataDir)).filter((n) => !['vault', 'spare', 'state.bin'].includes(n))).toEqual(
    [],
  );
}

describe('residue after every trigger', () => {
  it('shortcut', async () => {
    const s = await fill();
    // Control: the scan does see what was written in clear (settings, Preferences, the temp export).
    const before = await residue(s);
    expect(before.some((h) => h.includes('settings.json'))).toBe(true);
    expect(before.some((h) => h.includes(`${tmpPrefix}export.asc`))).toBe(true);
    await s.svc.trigger('shortcut');
    await expectNoResidue(s);
  });

  it('button (after the countdown)', async () => {
    const s = await fill();
    await s.svc.trigger('button');
    await expectNoResidue(s);
  });

  it('duress unlock with a decoy', async () => {
    const s = await fill();
    await s.svc.setUpDuress({
      currentPassphrase: REAL_PASS,
      duressPassphrase: DURESS_PASS,
      decoyNotes: [{ title: 'Shopping', body: 'milk' }],
    });
    await s.svc.setEndState('decoy');
    await s.vault.lock();
    expect(await s.svc.unlockOrPanic(DURESS_PASS)).toEqual({ ok: true, role: 'primary' });
    await s.svc.whenIdle();
    expect(s.vault.notes.list().map((n) => n.title)).toEqual(['Shopping']);
    await s.vault.lock();
    await expectNoResidue(s);
  });

  it('failed-unlock limit', async () => {
    const s = await fill();
    await s.svc.setFailedUnlockLimit(3);
    await s.vault.lock();
    for (let i = 0; i < 3; i++) await s.svc.unlockOrPanic(`wrong guess number ${i}`);
    await expectNoResidue(s);
    expect(await readdir(env.dataDir)).toEqual([]);
  });

  it('dead-man wipe at the first start after its days', async () => {
    let wall = Date.UTC(2026, 10, 1);
    const s = await fill({ wallClock: () => wall });
    await s.svc.setDeadMan(7);
    await s.vault.lock();
    wall += 8 * 86_400_000;
    const report = await s.svc.wipeIfDeadManDue();
    expect(report?.trigger).toBe('dead-man');
    await expectNoResidue(s);
  });
});
