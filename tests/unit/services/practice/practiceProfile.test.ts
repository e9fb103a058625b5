import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAndVerifyCard, createPgpService } from '../../../../electron/services/pgp';
import {
  practiceDirFor,
  PRACTICE_TEAM_ID,
  PRACTICE_VAULT_DIR,
  seedPracticeProfile,
} from '../../../../electron/services/practice/practiceProfile';
import { createVaultService } from '../../../../electron/services/vault/vaultService';
import { FLOOR_KDF, tempDir } from '../vault/helpers';

const PASSPHRASE = 'maple quiet river lantern';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('practice profile', () => {
  it('lives where Electron opens --profile=practice, and cannot reset itself', () => {
    expect(practiceDirFor('user', '/home/a/.config/Tikho')).toBe(
      path.join('/home/a/.config/Tikho', 'profiles', 'practice'),
    );
    expect(practiceDirFor('desk', '/home/a/.config/Tikho/profiles/desk')).toBe(
      path.join('/home/a/.config/Tikho/profiles', 'practice'),
    );
    expect(practiceDirFor('practice', '/home/a/.config/Tikho/profiles/practice')).toBeNull();
  });

  it('opens with the shown passphrase and holds sample notes and a verifiable sample card', async () => {
    const { dir: root, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const dir = path.join(root, 'profiles', 'practice');

    const seeded = await seedPracticeProfile({ dir, passphrase: PASSPHRASE, language: 'uk', kdf: FLOOR_KDF });

    const vault = createVaultService({ dir: path.join(dir, PRACTICE_VAULT_DIR) });
    expect(vault.isUnlocked()).toBe(false);
    expect((await vault.unlock('wrong passphrase here')).ok).toBe(false);
    expect((await vault.unlock(PASSPHRASE)).ok).toBe(true);
    await vault.notes.loaded();
    const notes = vault.notes.list();
    expect(notes).toHaveLength(3);
    expect(notes.every((note) => note.title.startsWith('Тренування'))).toBe(true);

    const teams = await createPgpService({ records: vault.records }).listTeams();
    expect(teams.map((team) => team.teamId)).toEqual([PRACTICE_TEAM_ID]);
    expect(teams[0]?.verification).toBe('unverified');
    const verified = await parseAndVerifyCard(seeded.card);
    expect(verified.view.fingerprint).toBe(seeded.teamFingerprint);
    expect(teams[0]?.fingerprint).toBe(seeded.teamFingerprint);
    await vault.lock();
  });

  it('reset replaces everything: the old passphrase stops working', async () => {
    const { dir: root, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const dir = path.join(root, 'practice');
    await seedPracticeProfile({ dir, passphrase: PASSPHRASE, language: 'en', kdf: FLOOR_KDF });
    await seedPracticeProfile({ dir, passphrase: 'another sample phrase', language: 'en', kdf: FLOOR_KDF });
    const vault = createVaultService({ dir: path.join(dir, PRACTICE_VAULT_DIR) });
    expect((await vault.unlock(PASSPHRASE)).ok).toBe(false);
    expect((await vault.unlock('another sample phrase')).ok).toBe(true);
    await vault.notes.loaded();
    expect(vault.notes.list()).toHaveLength(3);
    await vault.lock();
  });

  it('refuses to delete a folder that is not a practice folder', async () => {
    const { dir: root, cleanup } = await tempDir();
    cleanups.push(cleanup);
    await expect(
      seedPracticeProfile({ dir: root, passphrase: PASSPHRASE, language: 'en', kdf: FLOOR_KDF }),
    ).rejects.toMatchObject({ code: 'checklist/practice-folder-refused' });
  });
});
