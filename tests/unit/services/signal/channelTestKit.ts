import type { EncryptedRecordStore } from '../../../../electron/services/vault/recordStore';
import { createMemoryRecordStore } from '../../../../electron/services/vault/recordStore';
import { createChannelService } from '../../../../electron/services/signal';
import { recordBackedEpochKeyFileForTests } from '../../../../electron/services/signal/epochKeyFile';
import { openChannelState } from '../../../../electron/services/signal/channelState';
import type { StateEntries } from '../../../../electron/services/signal/channelState';
import type { ChannelService, ChannelServiceOptions } from '../../../../electron/services/signal';
import type { ChannelRole } from '../../../../shared/channel/channelTypes';
import { TikhoError } from '../../../../shared/errors';

export const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
export const DAY = 24 * 60 * 60 * 1000;

/** mulberry32: a small seeded PRNG so failures replay exactly. Not for product use. */
export function seededRandom(seed: number): {
  next(): number;
  bytes(length: number): Uint8Array;
  int(max: number): number;
} {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    bytes: (length) => Uint8Array.from({ length }, () => Math.floor(next() * 256)),
    int: (max) => Math.floor(next() * max),
  };
}

export interface TestClock {
  now: number;
  read: () => number;
}

export function testClock(start = T0): TestClock {
  const clock: TestClock = { now: start, read: () => clock.now };
  return clock;
}

/** A memory record store that can be "locked" like the vault: every call rejects while locked. */
export function lockableStore(): EncryptedRecordStore & { dump(): Map<string, Uint8Array>; locked: boolean } {
  const inner = createMemoryRecordStore();
  const wrapper = {
    locked: false,
    dump: () => inner.dump(),
    read: (c: string, id: string) => guard(() => inner.read(c, id)),
    write: (c: string, id: string, data: Uint8Array) => guard(() => inner.write(c, id, data)),
    remove: (c: string, id: string) => guard(() => inner.remove(c, id)),
    list: (c: string) => guard(() => inner.list(c)),
  };
  function guard<T>(fn: () => Promise<T>): Promise<T> {
    return wrapper.locked ? Promise.reject(new Error('VaultLockedError')) : fn();
  }
  return wrapper;
}

/** A byte-exact copy of everything in a record store, for "nothing changed" assertions. */
export function snapshot(store: { dump(): Map<string, Uint8Array> }): Map<string, string> {
  return new Map(
    [...store.dump().entries()].map(([key, value]) => [key, Buffer.from(value).toString('hex')]),
  );
}

/** The seizure: a copy of every record, as an attacker holding the unlocked vault would have it. */
export function copyRecordStore(store: {
  dump(): Map<string, Uint8Array>;
}): ReturnType<typeof createMemoryRecordStore> {
  const copy = createMemoryRecordStore();
  for (const [key, value] of store.dump()) {
    copy.dump().set(key, value.slice());
  }
  return copy;
}

export function makeService(
  role: ChannelRole,
  records: EncryptedRecordStore,
  clock: TestClock,
  seed: number,
  extra: Partial<ChannelServiceOptions> = {},
): ChannelService {
  const rng = seededRandom(seed);
  const { epochKeyFile = recordBackedEpochKeyFileForTests(records), ...rest } = extra;
  return createChannelService({
    records,
    role,
    clock: clock.read,
    random: (n) => rng.bytes(n),
    epochKeyFile,
    ...rest,
  });
}

export interface Pair {
  clock: TestClock;
  deskRecords: ReturnType<typeof lockableStore>;
  userRecords: ReturnType<typeof lockableStore>;
  desk: ChannelService;
  user: ChannelService;
  deskThreadOnUser: string;
}

/** A desk that published its bundle and a user who started a session from it. */
export async function connectedPair(seed = 1): Promise<Pair> {
  const clock = testClock();
  const deskRecords = lockableStore();
  const userRecords = lockableStore();
  const desk = makeService('desk', deskRecords, clock, seed);
  const user = makeService('user', userRecords, clock, seed + 1000);
  const bundle = await desk.exportBundle();
  const thread = await user.startSession(bundle);
  return { clock, deskRecords, userRecords, desk, user, deskThreadOnUser: thread.threadId };
}

export async function rejectionCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TikhoError) {
      return error.code;
    }
    throw error;
  }
  throw new Error('expected the operation to be rejected');
}

/**
 * The keys (`collection\0id`) of the sealed channel state, opened as the service opens it, with
 * the kept messages (records of their own, indexed in the state) as `signal-history\0<id>`.
 */
export async function stateKeys(records: EncryptedRecordStore): Promise<string[]> {
  const state = await openChannelState(records, recordBackedEpochKeyFileForTests(records));
  const history = state.history.list().map((id) => `${state.history.collection}\u0000${id}`);
  return [...state.entries.keys(), ...history];
}

/** Changes the sealed channel state behind the service's back (an eviction, a lost record). */
export async function editState(
  records: EncryptedRecordStore,
  edit: (entries: StateEntries) => void,
): Promise<void> {
  const state = await openChannelState(records, recordBackedEpochKeyFileForTests(records));
  const next: StateEntries = new Map(state.entries);
  edit(next);
  await state.commit(next);
}
