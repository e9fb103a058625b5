import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DURESS_PASS, REAL_PASS, floorVault, makeEnv, makeService, type Env } from './helpers';

let env: Env;
beforeEach(async () => {
  env = await makeEnv();
});
afterEach(async () => {
  await env.cleanup();
});

describe('the duress window (issue 18 §1)', () => {
  it('polling every note-reading call during a duress unlock never returns a real byte', async () => {
    const vault = floorVault(join(env.dataDir, 'vault'));
    await vault.create(REAL_PASS, { withRecoveryCode: false });
    const real = await vault.notes.create({
      title: 'real-title-marker',
      body: 'real-body-marker',
      tags: [],
      pinned: false,
    });
    const svc = makeService(env, vault);
    await svc.setUpDuress({
      currentPassphrase: REAL_PASS,
      duressPassphrase: DURESS_PASS,
      decoyNotes: [{ title: 'Shopping', body: 'milk' }],
    });
    await svc.setEndState('decoy');
    await vault.lock();

    const seen: string[] = [];
    let polls = 0;
    let done = false;
    const poll = async (): Promise<void> => {
      while (!done) {
        polls++;
        const calls: Array<() => unknown> = [
          () => vault.notes.list(),
          () => vault.notes.get(real.id),
          () => vault.notes.search('marker'),
          () => vault.notes.tags(),
        ];
        for (const call of calls) {
          try {
            seen.push(JSON.stringify(call()));
          } catch {
            // vault/locked or an unknown id: nothing came back
          }
        }
        await vault.records
          .list('notes')
          .then((r) => seen.push(JSON.stringify(r)))
          .catch(() => undefined);
        await new Promise((r) => setImmediate(r));
      }
    };
    const poller = poll();
    const result = await svc.unlockOrPanic(DURESS_PASS);
    done = true;
    await poller;
    await svc.whenIdle();
    expect(result).toEqual({ ok: true, role: 'primary' });
    expect(polls).toBeGreaterThan(10);
    expect(seen.filter((s) => s.includes('real-'))).toEqual([]);
    expect(vault.notes.list().map((n) => n.title)).toEqual(['Shopping']);
  });
});
