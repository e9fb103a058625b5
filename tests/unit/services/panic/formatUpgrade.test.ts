import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_GUARD, sealGuard } from '../../../../electron/services/panic/unlockGuard';
import { floorVault, makeEnv, makeService, type Env } from './helpers';

const FIXTURE = resolve(__dirname, '../../../fixtures/vault/format1');

let env: Env;
beforeEach(async () => {
  env = await makeEnv();
});
afterEach(async () => {
  await env.cleanup();
});

describe('an install upgraded from vault format 1', () => {
  it('keeps its failed-unlock limit (mirror keyed by the format-1 header) until the first unlock converts it', async () => {
    const secrets = JSON.parse(await readFile(join(FIXTURE, 'secrets.json'), 'utf8')) as {
      passphrase: string;
    };
    const vaultDir = join(env.dataDir, 'vault');
    await cp(join(FIXTURE, 'vault'), vaultDir, { recursive: true });
    // What the format-1 build left: a mirror sealed under the old header's first 64 bytes.
    const prefix = (await readFile(join(vaultDir, 'vault.header'))).subarray(0, 64);
    await writeFile(
      join(env.dataDir, 'state.bin'),
      sealGuard(prefix, { ...DEFAULT_GUARD, failedUnlockLimit: 3 }),
    );
    const svc = makeService(env, floorVault(vaultDir), { equaliseUnlockTiming: false });
    expect(await svc.remainingUnlockAttempts()).toBe(3);
    expect(await svc.unlockOrPanic('wrong guess one')).toEqual({ ok: false, next: 'lock' });
    expect(await svc.remainingUnlockAttempts()).toBe(2);
    expect(await svc.unlockOrPanic(secrets.passphrase)).toEqual({ ok: true, role: 'primary' });
    const names = await readdir(vaultDir);
    expect(names).toContain('index.bin');
    expect(names).not.toContain('vault.header');
  });
});
