import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DURESS_PASS,
  REAL_PASS,
  fillDataDir,
  filesContaining,
  makeEnv,
  makeService,
  recordingPorts,
  type Env,
} from './helpers';

let env: Env;
beforeEach(async () => {
  env = await makeEnv();
});
afterEach(async () => {
  await env.cleanup();
});

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await run();
  return { value, ms: performance.now() - t0 };
}

describe('a duress unlock takes as long as a normal one', () => {
  it('even when the OS session calls of the wipe are slow: they run after the decoy is open', async () => {
    const vault = await fillDataDir(env, 'MARK');
    const ports = recordingPorts();
    let sessionDelayMs = 0;
    const slowPorts = {
      ...ports,
      clearSessionData: async () => {
        await new Promise((resolve) => setTimeout(resolve, sessionDelayMs));
        return ports.clearSessionData();
      },
    };
    const svc = makeService(env, vault, { ports: slowPorts, portTimeoutMs: 60_000 });
    await svc.setUpDuress({
      currentPassphrase: REAL_PASS,
      duressPassphrase: DURESS_PASS,
      decoyNotes: [{ title: 'Shopping', body: 'milk, bread' }],
    });
    await svc.setEndState('decoy');
    await vault.lock();

    // Normal unlocks, measured on this machine under its current load.
    const normals: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { value, ms } = await timed(() => svc.unlockOrPanic(REAL_PASS));
      expect(value).toEqual({ ok: true, role: 'primary' });
      normals.push(ms);
      await vault.lock();
    }
    const normal = Math.max(...normals);
    // Chromium's clearStorageData can take seconds on a big profile: here eight normal unlocks.
    sessionDelayMs = 8 * normal;

    const duress = await timed(() => svc.unlockOrPanic(DURESS_PASS));
    expect(duress.value).toEqual({ ok: true, role: 'primary' });
    expect(ports.calls).not.toContain('port:clearSessionData');
    // Without the slow call in its way the duress unlock is padded to what a normal one costs;
    // with it, it would take at least nine normal unlocks. The margin is for a loaded machine.
    expect(
      duress.ms,
      `duress ${Math.round(duress.ms)} ms, normal unlocks ${normals.map(Math.round).join(', ')} ms`,
    ).toBeLessThan(4 * normal);

    // The wipe still finishes: the session is cleared and nothing of the real notebook is left.
    await svc.whenIdle();
    expect(ports.calls).toContain('port:clearSessionData');
    expect(await filesContaining(env.dataDir, [Buffer.from('MARK')])).toEqual([]);
  });
});
