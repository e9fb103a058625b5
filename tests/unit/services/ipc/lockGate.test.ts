import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../../electron/services/app/runtime';
import { createRuntime } from '../../../../electron/services/app/runtime';
import type { HandlerTable } from '../../../../electron/services/ipc/dispatch';
import { gateWhileLocked } from '../../../../electron/services/ipc/lockGate';
import { silentLogger } from '../../../../electron/services/log/logger';
import { createSettingsService } from '../../../../electron/services/settings/settingsService';
import { isTikhoError } from '../../../../shared/errors';
import { endpoint } from '../../../../shared/ipc/endpoint';
import type { ChannelName } from '../../../../shared/ipc/contract';
import { CHANNEL_NAMES, CONTRACT } from '../../../../shared/ipc/contract';
import { empty } from '../../../../shared/ipc/limits';

/**
 * "Requires unlocked" is declared per channel in shared/ipc and enforced once (lockGate.ts). The
 * lists below come from the contract, so a channel added later is covered without editing this file.
 */
const gatedChannels = CHANNEL_NAMES.filter((name) => CONTRACT[name].access.needs === 'unlocked');
const openChannels = CHANNEL_NAMES.filter((name) => CONTRACT[name].access.needs === 'nothing');

/**
 * Reviewed by hand: everything the lock screen may call. Declaring a new channel ANY_STATE fails
 * the last test until it is added here, so opening a channel to a locked app is a visible decision.
 */
const REVIEWED_OPEN: readonly ChannelName[] = [
  'app:bootstrap',
  'settings:get',
  'settings:update',
  'clipboard:copy',
  'clipboard:clear',
  'vault:status',
  'vault:checkPassphrase',
  'vault:suggestPassphrase',
  'vault:create',
  'vault:unlock',
  'vault:unlockWithRecovery',
  'vault:lock',
  'vault:indexNotice', // in-memory notice of the last unlock; null while locked
  'notes:uploadCancel', // forgets an upload; the lock already dropped them all
  'checklist:content', // shipped content; applied updates only join it while unlocked
  'checklist:helpContacts',
  'checklist:capabilities',
  'checklist:printHandout',
  'checklist:openPractice', // relaunches into the practice folder, reads nothing of this vault
  'channel:role',
  'presentation:hold', // holds the idle lock only while unlocked; a no-op otherwise
];

const dirs: string[] = [];
const runtimes: Runtime[] = [];
afterEach(async () => {
  for (const r of runtimes.splice(0)) await r.shutdown();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function lockedRuntime(profile: 'user' | 'desk'): Promise<Runtime> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tikho-lock-gate-'));
  dirs.push(root);
  const dataDir = path.join(root, 'data');
  const panicTmpDir = path.join(root, 'tmp');
  fs.mkdirSync(dataDir);
  fs.mkdirSync(panicTmpDir);
  const runtime = createRuntime({
    version: '0.0.0',
    platform: 'linux',
    host: 'harness',
    profile,
    systemLanguage: 'en',
    dataDir,
    resourcesDir: path.resolve('resources'),
    settings: createSettingsService({
      backend: { read: () => undefined, write: () => undefined },
      logger: silentLogger,
    }),
    logger: silentLogger,
    emit: () => undefined,
    kdf: { memoryKiB: 19_456, iterations: 2, parallelism: 1 },
    panicTmpDir,
    ports: {
      clipboard: { writeText: () => undefined, readText: () => Promise.resolve(''), clear: () => undefined },
      chooseSavePath: () => Promise.resolve(null),
      idleSeconds: () => 0,
    },
  });
  runtimes.push(runtime);
  await runtime.table['vault:create']({
    passphrase: 'velvet orbit lantern quietly harvest marble',
    withRecoveryCode: false,
  });
  await runtime.table['vault:lock']({});
  return runtime;
}

async function codeOf(call: () => unknown): Promise<string> {
  try {
    await call();
    return 'no error';
  } catch (error: unknown) {
    return isTikhoError(error) ? error.code : `not a TikhoError: ${String(error)}`;
  }
}

describe('requires unlocked, declared in the contract', () => {
  it('every channel declares what it needs', () => {
    for (const name of CHANNEL_NAMES)
      expect(['nothing', 'unlocked'], name).toContain(CONTRACT[name].access.needs);
    // @ts-expect-error -- a channel without an access declaration must not compile
    const undeclared = endpoint(empty(), empty());
    expect(undeclared.access).toBeUndefined();
  });

  it.each(['user', 'desk'] as const)(
    'a locked %s app refuses every vault-reading channel with its declared code',
    async (profile) => {
      const runtime = await lockedRuntime(profile);
      const answers: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const name of gatedChannels) {
        const access = CONTRACT[name].access;
        if (access.needs !== 'unlocked') continue;
        expected[name] = access.lockedCode;
        // Any request at all: the gate answers before the handler looks at it.
        answers[name] = await codeOf(() => (runtime.table[name] as (request: unknown) => unknown)({}));
      }
      expect(answers).toEqual(expected);
      expect(gatedChannels.length).toBeGreaterThan(openChannels.length);
    },
    60_000,
  );

  it('the gate never calls a gated handler while locked, and passes every call through once unlocked', async () => {
    const calls: string[] = [];
    const spies = Object.fromEntries(
      CHANNEL_NAMES.map((name) => [name, () => void calls.push(name)]),
    ) as unknown as HandlerTable;
    let unlocked = false;
    const gated = gateWhileLocked(spies, () => unlocked);
    const call = (name: ChannelName) => (gated[name] as (request: unknown) => unknown)({});
    for (const name of CHANNEL_NAMES) await codeOf(() => call(name));
    expect(calls).toEqual(openChannels);
    calls.length = 0;
    unlocked = true;
    for (const name of CHANNEL_NAMES) await call(name);
    expect(calls).toEqual(CHANNEL_NAMES);
  });

  it('the channels served while locked are exactly the reviewed ones', () => {
    expect([...openChannels].sort()).toEqual([...REVIEWED_OPEN].sort());
  });
});

/**
 * What a handler may still ask the vault about the lock, each for a reason the gate cannot
 * cover: an ANY_STATE channel that behaves differently when locked, or a re-check after an await
 * during which auto-lock may fire. Anything else is a hand-written gate the contract already holds.
 */
const REVIEWED_LOCK_READS: Readonly<Record<string, number>> = {
  'vaultHandlers.ts': 1, // vault:status reports the state
  'checklist/checklistContext.ts': 1, // checklist:content joins applied updates only while open
  'panicHandlers.ts': 1, // panic:drill records its report only if still open after the drill
  'draftHandlers.ts': 1, // presentation:hold holds the idle lock only while open
  'notesHandlers.ts': 1, // a lock fails every upload in flight with vault/locked
};

describe('no handler checks the lock by hand', () => {
  it('reads the lock state only where the reviewed list says why', () => {
    const root = path.resolve('electron/services/app/handlers');
    const reads: Record<string, number> = {};
    for (const entry of fs.readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      if (!entry.endsWith('.ts')) continue;
      const source = fs.readFileSync(path.join(root, entry), 'utf8');
      const count = (source.match(/isUnlocked\(\)|'(vault|panic)\/locked'/g) ?? []).length;
      if (count > 0) reads[entry.split(path.sep).join('/')] = count;
    }
    expect(reads).toEqual(REVIEWED_LOCK_READS);
  });
});
