import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHECKLIST_COLLECTION } from '../../../../electron/services/checklist/checklistService';
import { decoyDates } from '../../../../electron/services/panic/decoyDates';
import { DURESS_PASS, REAL_PASS, floorVault, makeEnv, makeService, type Env } from './helpers';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 20, 15, 0, 0);
const DECOY_NOTES = [
  { title: 'Shopping list', body: 'Milk, bread, apples\nTea, washing powder.' },
  { title: 'Pancakes', body: '2 eggs, 500 ml milk\nRest the batter for 20 minutes.' },
  { title: 'Books to read', body: 'Something by Chekhov.\nThe novel Anna recommended.' },
  { title: 'To do', body: 'Pay the electricity bill\nCall the dentist' },
];

let env: Env;
beforeEach(async () => {
  env = await makeEnv();
});
afterEach(async () => {
  await env.cleanup();
});

/** A real notebook begun a week ago (its own clock), with a recovery code and an answered checklist. */
async function weekOldNotebook(): Promise<ReturnType<typeof floorVault>> {
  let stamp = NOW - 7 * DAY;
  const vault = floorVault(join(env.dataDir, 'vault'), { clock: () => stamp });
  await vault.create(REAL_PASS, { withRecoveryCode: true });
  for (let i = 0; i < 5; i++) {
    await vault.notes.create({ title: `note ${i}`, body: `real ${i}`, tags: [], pinned: false });
    stamp += DAY + 3_600_000;
  }
  await vault.records.write(CHECKLIST_COLLECTION, 'answers', Buffer.from('{"v":1,"answers":{"where":"x"}}'));
  await vault.records.write(CHECKLIST_COLLECTION, 'progress', Buffer.from('{"v":1,"statuses":{"a":"done"}}'));
  return vault;
}

describe('the decoy a duress passphrase opens (issue 16 §1)', () => {
  it('looks like the week-old real notebook: spread-out edited notes, same recovery state, the checklist; and it becomes the end state', async () => {
    const vault = await weekOldNotebook();
    const svc = makeService(env, vault, { wallClock: () => NOW });
    await svc.setUpDuress({
      currentPassphrase: REAL_PASS,
      duressPassphrase: DURESS_PASS,
      decoyNotes: DECOY_NOTES,
    });
    // Choosing the decoy makes it the end state: the duress passphrase must not blank the window.
    expect(await svc.getConfig()).toMatchObject({ endState: 'decoy', duressSet: true, decoyReady: true });

    const decoy = floorVault(join(env.dataDir, 'spare'));
    expect(await decoy.unlock(DURESS_PASS)).toEqual({ ok: true, role: 'primary' });
    expect(decoy.recoveryCodeCreated).toBe(vault.recoveryCodeCreated);
    expect(decoy.recoveryCodeCreated).toBe(true);
    const notes = decoy.notes.list();
    expect(notes.map((n) => n.title).sort()).toEqual(DECOY_NOTES.map((n) => n.title).sort());
    for (const n of notes) {
      expect(n.createdAt).toBeGreaterThanOrEqual(NOW - 7 * DAY);
      expect(n.updatedAt).toBeLessThanOrEqual(NOW);
      // Written, then edited later: not one timestamp from the minute of set-up.
      expect(n.updatedAt).toBeGreaterThan(n.createdAt);
      expect(decoy.notes.get(n.id).body).toBe(DECOY_NOTES.find((d) => d.title === n.title)?.body);
    }
    const created = notes.map((n) => n.createdAt).sort((a, b) => a - b);
    // Spread over the week, not bunched at its end.
    expect((created.at(-1) ?? 0) - (created[0] ?? 0)).toBeGreaterThan(3 * DAY);
    expect(created[0] ?? NOW).toBeLessThan(NOW - 5 * DAY);
    for (const id of ['answers', 'progress'])
      expect(await decoy.records.read(CHECKLIST_COLLECTION, id)).toEqual(
        await vault.records.read(CHECKLIST_COLLECTION, id),
      );
    await decoy.lock();
  });

  it('dates each note within its share of the notebook age, and a brand-new notebook gets no invented past', () => {
    const start = NOW - 10 * DAY;
    const dates = decoyDates(start, NOW, 5);
    dates.forEach((d, i) => {
      expect(d.createdAt).toBeGreaterThanOrEqual(start + i * 2 * DAY);
      expect(d.updatedAt).toBeLessThanOrEqual(start + (i + 1) * 2 * DAY);
      expect(d.updatedAt).toBeGreaterThan(d.createdAt);
    });
    for (const d of decoyDates(NOW, NOW, 3)) expect(d).toEqual({ createdAt: NOW, updatedAt: NOW });
  });
});
