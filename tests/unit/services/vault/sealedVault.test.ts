import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatGroups } from '../../../../shared/recoveryCode';
import { HEADER_COPY_BYTES, unmaskCopy } from '../../../../electron/services/vault/headerV2';
import { newRecoveryCode } from '../../../../electron/services/vault/recoveryCode';
import type { VaultService } from '../../../../electron/services/vault/vaultService';
import { folderShape } from '../panic/helpers';
import { FLOOR_KDF, PASS, floorVault, tempDir } from './helpers';

/**
 * createSealed() makes the spare/ filler: a vault that no secret opens, built without Argon2id.
 * To an examiner with the folder and docs/vault-format.md it must look like a vault made by
 * create() with the same options: the same files and sizes, both header copies unmasking to the
 * given parameters with fields of the same sizes; and nothing may open it — not the passphrase of
 * the notebook it stands beside, not a random one, not a recovery code, not a backup of it.
 */
let ctx: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  ctx = await tempDir();
});
afterEach(async () => {
  await ctx.cleanup();
});

const NOTES = [
  { title: 'Groceries', body: 'milk, bread, tea' },
  { title: 'Dentist', body: 'Thursday 10:30' },
];

async function withNotes(vault: VaultService): Promise<void> {
  for (const n of NOTES) await vault.notes.create({ ...n, tags: [], pinned: false });
  await vault.lock();
}

/** Both copies of index.bin unmasked as any reader of the format document can. */
async function copies(vaultDir: string) {
  const bytes = await readFile(join(vaultDir, 'index.bin'));
  expect(bytes.length).toBe(2 * HEADER_COPY_BYTES);
  return ([0, 1] as const).map((i) => {
    const copy = unmaskCopy(bytes.subarray(i * HEADER_COPY_BYTES, (i + 1) * HEADER_COPY_BYTES), i);
    if (!copy) throw new Error(`copy ${i} does not unmask to plausible parameters`);
    return copy;
  });
}

const fieldSizes = (c: Awaited<ReturnType<typeof copies>>[number]) => ({
  bytes: c.bytes.length,
  vaultId: c.vaultId.length,
  salt: c.salt.length,
  slots: c.slots.map((s) => s.length),
});

describe('a sealed vault', () => {
  for (const withRecoveryCode of [false, true])
    it(`has the shape of a real vault made with the same options (recovery code: ${withRecoveryCode})`, async () => {
      const real = floorVault(join(ctx.dir, 'real'));
      await real.create(PASS, { withRecoveryCode });
      await withNotes(real);
      const sealed = floorVault(join(ctx.dir, 'sealed'));
      await sealed.createSealed({ withRecoveryCode });
      expect(sealed.isUnlocked()).toBe(true);
      expect(sealed.kdfParams).toEqual(FLOOR_KDF);
      expect(sealed.recoveryCodeCreated).toBe(withRecoveryCode);
      await withNotes(sealed);

      const realDir = join(ctx.dir, 'real', 'vault');
      const sealedDir = join(ctx.dir, 'sealed', 'vault');
      expect(await folderShape(sealedDir)).toEqual(await folderShape(realDir));
      const realCopies = await copies(realDir);
      const sealedCopies = await copies(sealedDir);
      expect(sealedCopies.map((c) => c.kdf)).toEqual([FLOOR_KDF, FLOOR_KDF]);
      expect(sealedCopies.map(fieldSizes)).toEqual(realCopies.map(fieldSizes));
      // One vault: the copies agree on id and salt, as a real vault's do.
      expect(sealedCopies[1]?.vaultId).toEqual(sealedCopies[0]?.vaultId);
      expect(sealedCopies[1]?.salt).toEqual(sealedCopies[0]?.salt);
      expect(sealedCopies[0]?.vaultId).not.toEqual(realCopies[0]?.vaultId);
    });

  it('opens with no passphrase, no recovery code, and its backup with none either', async () => {
    const sealed = floorVault(join(ctx.dir, 'sealed'));
    await sealed.createSealed({ withRecoveryCode: true });
    await sealed.notes.create({
      title: 'kept',
      body: 'readable while the set-up session is open',
      tags: [],
      pinned: false,
    });
    expect(sealed.notes.list().map((n) => n.title)).toEqual(['kept']);
    const backup = join(ctx.dir, 'sealed.backup');
    await sealed.backup.exportEncrypted(backup);
    await sealed.lock();

    for (const passphrase of [PASS, randomBytes(32).toString('base64url')]) {
      expect(await sealed.unlock(passphrase)).toEqual({ ok: false });
      expect(sealed.isUnlocked()).toBe(false);
    }
    expect(await sealed.unlockWithRecoveryCode(formatGroups(newRecoveryCode()).join(' '))).toEqual({
      ok: false,
    });
    const other = floorVault(join(ctx.dir, 'other'));
    await other.create(PASS, { withRecoveryCode: false });
    await expect(other.backup.importEncrypted(backup, PASS)).rejects.toMatchObject({
      code: 'vault/wrong-passphrase',
    });
    await other.lock();
    // Still a vault: a second create on the folder is refused.
    await expect(sealed.createSealed({ withRecoveryCode: false })).rejects.toMatchObject({
      code: 'vault/exists',
    });
  });
});
