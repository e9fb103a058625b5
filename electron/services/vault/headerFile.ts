import { join } from 'node:path';
import { TikhoError } from '../../../shared/errors';
import { readIfExists } from './atomicFile';
import { GCM_NONCE_BYTES, HEADER_FILE, LEGACY_HEADER_FILE, TEMP_PREFIX } from './formatConstants';
import {
  COPY_NONCE_BYTES,
  HEADER_COPY_BYTES,
  deriveHeaderKey,
  encodeCopy,
  unmaskCopy,
  type CopyCandidate,
  type HeaderState,
} from './headerV2';
import { createInPlaceFile, overwriteCopy, wipeInPlaceFile, type CopyIndex } from './inPlaceFile';
import type { KdfParams } from './kdfParams';
import { newestFor, sameKdfInput } from './headerChoice';
import { deriveKek } from './keyDerivation';
import { decodeHeader, openSlots, type OpenedSlot, type VaultHeader } from './vaultHeader';
import { toWriteError, type VaultFs } from './vaultFs';

/**
 * Header I/O of format 2: one preallocated file of two copies overwritten in place
 * (inPlaceFile.ts), and the one-way migration from a format-1 `vault.header`.
 *
 * A header change is two in-place writes: first the copy that is not the newest gets generation
 * 2k+1, then the newest gets 2k+2, both with the new state and fresh randomness. A torn first
 * write leaves the old state in the newest copy; a torn second one leaves the new state in the
 * first. After both, no copy holds the old state (the old passphrase's slot is gone from the
 * file), and an odd newest generation tells an unlock that the second write is still owed.
 */

/** The header of an unlocked vault. `newest` is the copy with the highest generation. */
export interface LiveHeader {
  state: HeaderState;
  headerKey: Buffer;
  newest: CopyIndex;
  /** The other copy holds the same state (false after a torn or unfinished write: settle repairs). */
  otherInStep: boolean;
}

export interface HeaderSources {
  copies: CopyCandidate[];
  legacy: VaultHeader | null;
  legacyPresent: boolean;
}

export interface OpenedHeader extends OpenedSlot {
  /** The passphrase's KEK, kept by the session to seal a backup's slot (zeroed at lock). */
  kek: Buffer;
  /** Format-2 header, authenticated; null for a duress slot or a format-1 vault. */
  live: LiveHeader | null;
  legacy: VaultHeader | null;
}

export interface HeaderFile {
  exists(): Promise<boolean>;
  read(): Promise<HeaderSources>;
  open(sources: HeaderSources, passphrase: string): Promise<OpenedHeader | null>;
  create(state: HeaderState, headerKey: Buffer): Promise<LiveHeader>;
  /**
   * Writes `next` (generation is taken care of) and updates `live` in place once durable. With
   * `headerKey` (a key rotation: a new master key means a new header key) both copies are sealed
   * under it and `live` takes it over; the caller zeroes the old one. Crash-safe like any change:
   * a kill after the first copy leaves the new state newest, a kill before it the old one. When
   * the second copy fails after the first landed, `live` already describes the new state (newest,
   * other copy out of step) before the error is thrown: that is what the disk holds.
   */
  write(live: LiveHeader, next: Omit<HeaderState, 'generation'>, headerKey?: Buffer): Promise<void>;
  /**
   * Rewrites the other copy with `live`'s state when it is out of step (a write torn after its
   * first copy, a kill between the two): until then it holds the PREVIOUS state, which after a
   * key rotation still opens with the old passphrase.
   */
  bringInStep(live: LiveHeader): Promise<void>;
  /**
   * After an unlock: converts format 1, finishes a half-done change, removes a leftover v1 file
   * and temp files a killed write left in the vault folder (one may hold a header copy).
   */
  settle(opened: OpenedHeader, legacyPresent: boolean): Promise<LiveHeader>;
  /** Both copies overwritten with random bytes, then unlinked; the format-1 file too. */
  destroy(): Promise<void>;
}

const other = (i: CopyIndex): CopyIndex => (i === 0 ? 1 : 0);

export function createHeaderFile(opts: {
  fs: VaultFs;
  dir: string;
  random: (n: number) => Buffer;
  derive?: typeof deriveKek;
}): HeaderFile {
  const { fs, random } = opts;
  const derive = opts.derive ?? deriveKek;
  const path = join(opts.dir, HEADER_FILE);
  const legacyPath = join(opts.dir, LEGACY_HEADER_FILE);

  const encode = (state: HeaderState, key: Buffer, index: CopyIndex): Buffer =>
    encodeCopy(state, key, index, random(COPY_NONCE_BYTES), random(GCM_NONCE_BYTES));

  /**
   * Set by destroy() before it overwrites anything; a header write in flight is awaited first, so
   * no authentic copy can land after the random bytes (and survive in the unlinked blocks).
   */
  let destroying = false;
  let inFlight: Promise<unknown> = Promise.resolve();

  async function put(index: CopyIndex, state: HeaderState, key: Buffer): Promise<void> {
    if (destroying) throw new TikhoError('vault/locked');
    const write = overwriteCopy(fs, path, HEADER_COPY_BYTES, index, encode(state, key, index));
    inFlight = write.catch(() => undefined);
    await write.catch((err: unknown) => {
      // A panic that overtook this write (the file already overwritten and unlinked) is a lock.
      throw destroying ? new TikhoError('vault/locked') : toWriteError(err);
    });
  }

  /** The KDF runs once per distinct (salt, parameters): normally once, whatever the copies. */
  async function keksFor(inputs: { salt: Buffer; kdf: KdfParams }[], passphrase: string) {
    const keks: { salt: Buffer; kdf: KdfParams; kek: Buffer }[] = [];
    for (const input of inputs) {
      if (keks.some((k) => sameKdfInput(k, input))) continue;
      keks.push({ ...input, kek: await derive(passphrase, input.salt, input.kdf) });
    }
    return keks;
  }

  async function create(state: HeaderState, headerKey: Buffer): Promise<LiveHeader> {
    // A new vault after a destroy (panic with a fresh start, then the first run again).
    destroying = false;
    try {
      await createInPlaceFile(
        fs,
        path,
        HEADER_COPY_BYTES,
        encode({ ...state, generation: 1n }, headerKey, 0),
      );
    } catch (err) {
      throw toWriteError(err);
    }
    await put(1, { ...state, generation: 2n }, headerKey);
    return { state: { ...state, generation: 2n }, headerKey, newest: 1, otherInStep: true };
  }

  async function bringInStep(live: LiveHeader): Promise<void> {
    if (live.otherInStep) return;
    // Killed between a change's two writes (odd newest: the other copy still holds the old
    // state), or a torn write left the other copy unreadable: bring it up to the newest state,
    // as the newer copy with the next even generation.
    const gen = live.state.generation;
    const even = gen + (gen % 2n === 1n ? 1n : 2n);
    await put(other(live.newest), { ...live.state, generation: even }, live.headerKey);
    live.state = { ...live.state, generation: even };
    live.newest = other(live.newest);
    live.otherInStep = true;
  }

  return {
    async exists() {
      for (const p of [path, legacyPath]) if ((await readIfExists(fs, p)) !== null) return true;
      return false;
    },

    async read() {
      const whole = await readIfExists(fs, path);
      const legacyBytes = await readIfExists(fs, legacyPath);
      if (!whole && !legacyBytes) throw new TikhoError('vault/not-found');
      const copies: CopyCandidate[] = [];
      if (whole?.length === 2 * HEADER_COPY_BYTES) {
        for (const index of [0, 1] as const) {
          const bytes = whole.subarray(index * HEADER_COPY_BYTES, (index + 1) * HEADER_COPY_BYTES);
          const c = unmaskCopy(Buffer.from(bytes), index);
          if (c) copies.push(c);
        }
      }
      let legacy: VaultHeader | null = null;
      if (legacyBytes) {
        try {
          legacy = decodeHeader(legacyBytes);
        } catch (err) {
          // A format-1 file next to a readable format-2 one is a migration's leftover: ignored.
          if (copies.length === 0) throw err;
        }
      }
      if (copies.length === 0 && !legacy) throw new TikhoError('vault/header-corrupt');
      return { copies, legacy, legacyPresent: legacyBytes !== null };
    },

    async open(sources, passphrase) {
      const inputs: { salt: Buffer; kdf: KdfParams }[] = [...sources.copies];
      if (sources.legacy) inputs.push(sources.legacy);
      const keks = await keksFor(inputs, passphrase);
      const kekOf = (c: { salt: Buffer; kdf: KdfParams }): Buffer =>
        keks.find((k) => sameKdfInput(k, c))?.kek ?? Buffer.alloc(0);
      // Every copy is tried (and all four slots of each), so the work does not say which one is live.
      const tried = sources.copies.map((c) => ({ c, slot: openSlots(kekOf(c), c) }));
      const legacySlot = sources.legacy ? openSlots(kekOf(sources.legacy), sources.legacy) : null;
      const v2 = newestFor(tried);
      let chosen: OpenedHeader | null = null;
      if (v2) chosen = { ...v2.slot, kek: kekOf(v2.c), live: v2.live, legacy: null };
      else if (tried.some((t) => t.slot?.role === 'duress')) {
        const t = tried.find((x) => x.slot?.role === 'duress');
        if (t?.slot)
          chosen = {
            ...t.slot,
            master: Buffer.from(t.slot.master),
            kek: kekOf(t.c),
            live: null,
            legacy: null,
          };
      } else if (legacySlot && sources.legacy && tried.every((t) => !t.slot)) {
        chosen = {
          ...legacySlot,
          master: Buffer.from(legacySlot.master),
          kek: kekOf(sources.legacy),
          live: null,
          legacy: sources.legacy,
        };
      }
      for (const t of tried) t.slot?.master.fill(0);
      legacySlot?.master.fill(0);
      // The caller gets its own copy of the chosen KEK; every derived one is zeroed here.
      const result = chosen ? { ...chosen, kek: Buffer.from(chosen.kek) } : null;
      for (const k of keks) k.kek.fill(0);
      return result;
    },

    create,

    bringInStep,

    async write(live, next, headerKey = live.headerKey) {
      // 2k+1 to the older copy, then 2k+2 to the newest (see the module comment).
      const odd = live.state.generation + (live.state.generation % 2n === 0n ? 1n : 2n);
      await put(other(live.newest), { ...next, generation: odd }, headerKey);
      try {
        await put(live.newest, { ...next, generation: odd + 1n }, headerKey);
      } catch (err) {
        live.state = { ...next, generation: odd };
        live.headerKey = headerKey;
        live.newest = other(live.newest);
        live.otherInStep = false;
        throw err;
      }
      live.state = { ...next, generation: odd + 1n };
      live.headerKey = headerKey;
      live.otherInStep = true;
    },

    async settle(opened, legacyPresent) {
      await wipeStaleTemps();
      if (opened.live) {
        const live = opened.live;
        await bringInStep(live);
        if (legacyPresent) await wipeLegacy();
        return live;
      }
      const v1 = opened.legacy;
      if (!v1) throw new TikhoError('vault/header-corrupt');
      // Format 1 → 2: the slots move over unchanged (same binding, see slotBinding), so the
      // recovery code and the duress passphrase keep working. The new file is complete and
      // durable before the old one is destroyed; a kill at any point leaves one that opens.
      await wipeInPlaceFile(fs, path).catch((err: unknown) => {
        throw toWriteError(err);
      });
      const headerKey = deriveHeaderKey(opened.master, v1.vaultId);
      const state: HeaderState = {
        vaultId: v1.vaultId,
        kdf: v1.kdf,
        salt: v1.salt,
        slots: v1.slots,
        generation: 0n,
        manifestGeneration: 0n,
        flags: 0,
      };
      const live = await create(state, headerKey);
      await wipeLegacy();
      return live;
    },

    async destroy() {
      destroying = true;
      await inFlight;
      // Each file on its own: a failure on one (EROFS) must not spare the other.
      const results = await Promise.allSettled([wipeInPlaceFile(fs, path), wipeLegacy()]);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw toWriteError(failed.reason);
    },
  };

  /**
   * Runs only inside unlock, before a session exists, so no write of this process is in flight;
   * a temp file here is a killed create's (header, manifest): overwritten in place, unlinked.
   */
  async function wipeStaleTemps(): Promise<void> {
    const names = await fs.readdir(opts.dir).catch(() => []);
    for (const name of names)
      if (name.startsWith(TEMP_PREFIX))
        await wipeInPlaceFile(fs, join(opts.dir, name)).catch((err: unknown) => {
          throw toWriteError(err);
        });
  }

  async function wipeLegacy(): Promise<void> {
    await wipeInPlaceFile(fs, legacyPath).catch((err: unknown) => {
      throw toWriteError(err);
    });
  }
}
