import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHECKLIST_COLLECTION } from '../../../../electron/services/checklist/checklistService';
import { HEADER_FILE } from '../../../../electron/services/panic/planNames';
import { GUARD_FILE, openGuard } from '../../../../electron/services/panic/unlockGuard';
import {
  DURESS_PASS,
  REAL_PASS,
  floorVault,
  folderShape as shape,
  makeEnv,
  makeService,
  type Env,
} from './helpers';

/**
 * Issue 11 §7: after a duress unlock the data folder holds the decoy; an examiner who compares it
 * with what a real notebook of the same age leaves (or who knows the format: state.bin opens under
 * public header bytes) must find nothing that only a decoy would leave.
 */
const NOW = Date.UTC(2026, 10, 20, 15, 0, 0);
const NOTES = [
  { title: 'Shopping list', body: 'Milk, bread, apples' },
  { title: 'Pancakes', body: '2 eggs, 500 ml milk' },
  { title: 'To do', body: 'Pay the electricity bill' },
];

/** What anyone who knows the format reads from state.bin (its key is the header's public bytes). */
async function lockScreenState(dataDir: string): Promise<ReturnType<typeof openGuard>> {
  const header = await readFile(join(dataDir, 'vault', HEADER_FILE));
  return openGuard(header.subarray(0, 64), await readFile(join(dataDir, GUARD_FILE)));
}

async function notebook(env: Env): Promise<ReturnType<typeof floorVault>> {
  const vault = floorVault(join(env.dataDir, 'vault'), { clock: () => NOW });
  await vault.create(REAL_PASS, { withRecoveryCode: true });
  for (const [i, n] of NOTES.entries())
    await vault.notes.create({ title: `real ${i}`, body: `${n.body} real`, tags: [], pinned: false });
  await vault.records.write(CHECKLIST_COLLECTION, 'answers', Buffer.from('{"v":1,"answers":{"where":"x"}}'));
  await vault.records.write(CHECKLIST_COLLECTION, 'progress', Buffer.from('{"v":1,"statuses":{"a":"done"}}'));
  return vault;
}

let real: Env;
let duress: Env;
beforeEach(async () => {
  real = await makeEnv();
  duress = await makeEnv();
});
afterEach(async () => {
  await real.cleanup();
  await duress.cleanup();
});

describe('the data folder after a duress unlock (issue 11 §7)', () => {
  it('has the same files, counts, sizes and lock-screen state as a real notebook just unlocked', async () => {
    const realVault = await notebook(real);
    const realSvc = makeService(real, realVault, { wallClock: () => NOW });
    await realVault.lock();
    expect(await realSvc.unlockOrPanic(REAL_PASS)).toMatchObject({ ok: true });
    await realSvc.whenIdle();

    const vault = await notebook(duress);
    const svc = makeService(duress, vault, { wallClock: () => NOW });
    await svc.setUpDuress({ currentPassphrase: REAL_PASS, duressPassphrase: DURESS_PASS, decoyNotes: NOTES });
    await vault.lock();
    expect(await svc.unlockOrPanic(DURESS_PASS)).toEqual({ ok: true, role: 'primary' });
    await svc.whenIdle();

    expect(await shape(duress.dataDir)).toEqual(await shape(real.dataDir));
    const realState = await lockScreenState(real.dataDir);
    expect(realState).toMatchObject({ failedCount: 0, lastUnlockAt: Math.floor(NOW / 1000) });
    expect(await lockScreenState(duress.dataDir)).toEqual(realState);
    await realVault.lock();
    await vault.lock();
  });
});
