import { join } from 'node:path';
import { HEADER_FILE, LEGACY_HEADER_FILE } from './formatConstants';
import type { HeaderFileContext } from './headerCopyWrite';
import { openHeader } from './headerOpen';
import { headerExists, readHeaderSources } from './headerRead';
import { settleHeader } from './headerSettle';
import type { CopyCandidate, HeaderState } from './headerV2';
import { destroyHeaders } from './headerWipe';
import { bringInStep, createHeader, writeHeader } from './headerWrite';
import type { CopyIndex } from './inPlaceFile';
import { deriveKek } from './keyDerivation';
import type { OpenedSlot, VaultHeader } from './vaultHeader';
import { type FileSystem } from '../common';

/**
 * Header I/O of format 2: one preallocated file of two copies overwritten in place
 * (inPlaceFile.ts), and the one-way migration from a format-1 `vault.header`. The parts work on
 * one HeaderFileContext: reading (headerRead.ts), choosing the copy a passphrase opens
 * (headerOpen.ts), the A/B writes (headerWrite.ts), settling after unlock with the format-1
 * migration (headerSettle.ts), wiping and destroy (headerWipe.ts).
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

export function createHeaderFile(opts: {
  fs: FileSystem;
  dir: string;
  random: (n: number) => Buffer;
  derive?: typeof deriveKek;
}): HeaderFile {
  const ctx: HeaderFileContext = {
    fs: opts.fs,
    dir: opts.dir,
    path: join(opts.dir, HEADER_FILE),
    legacyPath: join(opts.dir, LEGACY_HEADER_FILE),
    random: opts.random,
    derive: opts.derive ?? deriveKek,
    destroying: false,
    inFlight: Promise.resolve(),
  };
  return {
    exists: () => headerExists(ctx),
    read: () => readHeaderSources(ctx),
    open: (sources, passphrase) => openHeader(ctx, sources, passphrase),
    create: (state, headerKey) => createHeader(ctx, state, headerKey),
    bringInStep: (live) => bringInStep(ctx, live),
    write: (live, next, headerKey = live.headerKey) => writeHeader(ctx, live, next, headerKey),
    settle: (opened, legacyPresent) => settleHeader(ctx, opened, legacyPresent),
    destroy: () => destroyHeaders(ctx),
  };
}
