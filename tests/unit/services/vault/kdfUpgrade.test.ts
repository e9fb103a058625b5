import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KdfParams } from '../../../../electron/services/vault/kdfParams';
import { createVaultService } from '../../../../electron/services/vault/vaultService';
import { FLOOR_KDF, PASS, tempDir } from './helpers';

/**
 * The vault with a calibration as its KDF source (the app's set-up): create() takes the measured
 * parameters, and a passphrase change moves an older header up to them (issue 11 §7). The
 * "calibration" here answers fixed small parameters so the test stays quick; kdfCalibration.test.ts
 * tests the measuring.
 */
let ctx: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  ctx = await tempDir();
});
afterEach(async () => {
  await ctx.cleanup();
});

const STRONGER: KdfParams = { memoryKiB: 24_576, iterations: 3, parallelism: 2 };
const NEXT = 'a new passphrase, longer';

function countingSource(params: KdfParams): { calls: number; source: () => Promise<KdfParams> } {
  const out = {
    calls: 0,
    source: () => {
      out.calls++;
      return Promise.resolve({ ...params });
    },
  };
  return out;
}

/** A vault made with the floor parameters (as by an older Tikho), then opened by one that calibrates. */
async function olderVault(withRecoveryCode: boolean): Promise<string[] | null> {
  const old = createVaultService({ dir: join(ctx.dir, 'vault'), kdf: FLOOR_KDF });
  const { recoveryCode } = await old.create(PASS, { withRecoveryCode });
  await old.lock();
  return recoveryCode;
}

describe('calibrated Argon2id in the vault', () => {
  it('creates a vault with the calibrated parameters in its header', async () => {
    const cal = countingSource(STRONGER);
    const v = createVaultService({ dir: join(ctx.dir, 'vault'), kdf: cal.source });
    await v.create(PASS, { withRecoveryCode: true });
    expect(cal.calls).toBe(1);
    await v.lock();
    // A fresh service reads the parameters back from the header alone.
    const reader = createVaultService({ dir: join(ctx.dir, 'vault'), kdf: FLOOR_KDF });
    expect(await reader.unlock(PASS)).toEqual({ ok: true, role: 'primary' });
    expect(reader.kdfParams).toEqual(STRONGER);
  });

  it('upgrades an older header on a passphrase change; the old passphrase stops working', async () => {
    await olderVault(false);
    const cal = countingSource(STRONGER);
    const v = createVaultService({ dir: join(ctx.dir, 'vault'), kdf: cal.source });
    expect(await v.unlock(PASS)).toEqual({ ok: true, role: 'primary' });
    const note = await v.notes.create({ title: 'Встреча', body: 'адрес', tags: [], pinned: false });
    expect(v.kdfParams).toEqual(FLOOR_KDF);
    await v.changePassphrase(PASS, NEXT);
    expect(v.kdfParams).toEqual(STRONGER);
    await v.lock();
    expect(await v.unlock(PASS)).toEqual({ ok: false });
    expect(await v.unlock(NEXT)).toEqual({ ok: true, role: 'primary' });
    expect(v.kdfParams).toEqual(STRONGER);
    expect(v.notes.get(note.id).body).toBe('адрес');
  });

  it('upgrades with a recovery code too: the rotation replaces it under the new parameters', async () => {
    const words = await olderVault(true);
    const cal = countingSource(STRONGER);
    const v = createVaultService({ dir: join(ctx.dir, 'vault'), kdf: cal.source });
    await v.unlock(PASS);
    const { recoveryCode } = await v.changePassphrase(PASS, NEXT);
    expect(v.kdfParams).toEqual(STRONGER);
    await v.lock();
    expect(await v.unlockWithRecoveryCode((words ?? []).join(' '))).toEqual({ ok: false });
    expect(await v.unlockWithRecoveryCode((recoveryCode ?? []).join(' '))).toEqual({
      ok: true,
      role: 'recovery',
    });
    expect(v.kdfParams).toEqual(STRONGER);
  });

  it('keeps the parameters when a duress slot exists', async () => {
    await olderVault(false);
    const cal = countingSource(STRONGER);
    const withDuress = createVaultService({ dir: join(ctx.dir, 'vault'), kdf: cal.source });
    await withDuress.unlock(PASS);
    await withDuress.setSlot('duress', 'a duress phrase for tests');
    await withDuress.changePassphrase(PASS, NEXT);
    // The duress slot binds the old parameters and its passphrase is not typed here.
    expect(withDuress.kdfParams).toEqual(FLOOR_KDF);
    await withDuress.lock();
    expect(await withDuress.unlock('a duress phrase for tests')).toEqual({ ok: true, role: 'duress' });
    expect(await withDuress.unlock(NEXT)).toEqual({ ok: true, role: 'primary' });
  });

  it('never downgrades, and does not calibrate when the change is refused', async () => {
    await olderVault(false);
    const weaker = countingSource({ memoryKiB: 19_456, iterations: 2, parallelism: 4 });
    const v = createVaultService({ dir: join(ctx.dir, 'vault'), kdf: weaker.source });
    await v.unlock(PASS);
    await expect(v.changePassphrase(PASS, PASS)).rejects.toMatchObject({ code: 'vault/passphrase-in-use' });
    expect(weaker.calls).toBe(0);
    await v.changePassphrase(PASS, NEXT);
    expect(weaker.calls).toBe(1);
    expect(v.kdfParams).toEqual(FLOOR_KDF);
    await v.lock();
    expect(await v.unlock(NEXT)).toEqual({ ok: true, role: 'primary' });
  });
});
