import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { END_STATES, FAILED_UNLOCK_LIMITS, type EndState, type FailedUnlockLimit } from './panicTypes';
import { isDeadManDays, type DeadManState } from './deadMan';
import type { MirrorSecret } from './mirrorSecret';
import { readIfExists, type FileSystem } from '../common';
import { writeDurably } from './durableFile';

/**
 * The part of the panic configuration that must work while the vault is LOCKED: the failed-unlock
 * limit and its counter, and the end state for a wipe triggered before any unlock (shortcut at the
 * lock screen, failed-unlock limit). The source of truth is the encrypted `panic-config` record in
 * the vault; this file is a mirror rebuilt at every successful unlock.
 *
 * Sealed with AES-256-GCM under HKDF(vault header bytes 0..63 ‖ OS-keystore secret). The header
 * bytes are not secret, so the 32-byte secret in `state.key` (sealed by the OS keystore through
 * Electron's safeStorage, mirrorSecret.ts) is what keeps an examiner who knows Tikho's format and
 * holds a copy of the disk from reading the end state. Without a real keystore (none,
 * or Linux's basic_text) there is no secret and the key is the header bytes alone: that hides the
 * settings from a look at the files, not from a format-knower, and the Panic screen says so.
 * The header bytes bind the file to this vault and make it die with the header: after a wipe the
 * mirror is unreadable noise. The file is written at every unlock attempt whether or not a limit
 * is set, so its presence and mtime say nothing either.
 *
 * Layout (44 bytes): nonce 12 | GCM(version 1 | limit 1 | end state 1 | count 1 | dead-man days 1 |
 * last unlock, u32 BE wall-clock seconds 4 | zero 7) | tag 16. The dead-man fields took reserved
 * zero bytes, so an older file reads as "dead-man off".
 */
export const GUARD_FILE = 'state.bin';
const HEADER_FIXED_BYTES = 64;
const INFO = Buffer.from('tikho/v1/panic-guard', 'utf8');
const AAD = INFO;
const VERSION = 1;
const PLAIN_BYTES = 16;

export interface GuardState extends DeadManState {
  failedUnlockLimit: FailedUnlockLimit | null;
  endState: EndState;
  /** Unlock attempts since the last success, counted BEFORE the attempt (a kill cannot dodge it). */
  failedCount: number;
}

export const DEFAULT_GUARD: GuardState = {
  failedUnlockLimit: null,
  endState: 'quit',
  failedCount: 0,
  deadManDays: null,
  lastUnlockAt: 0,
};

/** No secret: the key is what it was before the keystore (an older mirror still opens). */
function guardKey(headerPrefix: Buffer, secret: Buffer | null): Buffer {
  const ikm = secret ? Buffer.concat([headerPrefix, secret]) : headerPrefix;
  try {
    return Buffer.from(hkdfSync('sha256', ikm, Buffer.alloc(0), INFO, 32));
  } finally {
    if (secret) ikm.fill(0);
  }
}

export function sealGuard(headerPrefix: Buffer, s: GuardState, secret: Buffer | null = null): Buffer {
  const plain = Buffer.alloc(PLAIN_BYTES);
  plain[0] = VERSION;
  plain[1] = s.failedUnlockLimit ?? 0;
  plain[2] = END_STATES.indexOf(s.endState);
  plain[3] = Math.min(255, s.failedCount);
  plain[4] = s.deadManDays ?? 0;
  plain.writeUInt32BE(Math.max(0, Math.min(0xffffffff, Math.floor(s.lastUnlockAt))), 5);
  const key = guardKey(headerPrefix, secret);
  const nonce = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, nonce);
  c.setAAD(AAD);
  const body = Buffer.concat([c.update(plain), c.final()]);
  key.fill(0);
  return Buffer.concat([nonce, body, c.getAuthTag()]);
}

export function openGuard(
  headerPrefix: Buffer,
  bytes: Buffer,
  secret: Buffer | null = null,
): GuardState | null {
  if (bytes.length !== 12 + PLAIN_BYTES + 16) return null;
  const key = guardKey(headerPrefix, secret);
  try {
    const d = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
    d.setAAD(AAD);
    d.setAuthTag(bytes.subarray(12 + PLAIN_BYTES));
    const plain = Buffer.concat([d.update(bytes.subarray(12, 12 + PLAIN_BYTES)), d.final()]);
    if (plain[0] !== VERSION) return null;
    const limit = FAILED_UNLOCK_LIMITS.find((l) => l === plain[1]) ?? null;
    const endState = END_STATES[plain[2] ?? 0] ?? 'quit';
    const days = plain[4];
    return {
      failedUnlockLimit: limit,
      endState,
      failedCount: plain[3] ?? 0,
      deadManDays: isDeadManDays(days) ? days : null,
      lastUnlockAt: plain.readUInt32BE(5),
    };
  } catch {
    return null;
  } finally {
    key.fill(0);
  }
}

/** Header bytes 0..63 (public, fixed for the vault's life), or null when there is no vault header. */
export async function readHeaderPrefix(fs: FileSystem, headerPath: string): Promise<Buffer | null> {
  const b = await readIfExists(fs, headerPath);
  return b && b.length >= HEADER_FIXED_BYTES ? Buffer.from(b.subarray(0, HEADER_FIXED_BYTES)) : null;
}

/**
 * Missing, damaged or foreign → the defaults (limit off). Deleting the file therefore switches the
 * limit off until the next unlock rebuilds it: the counter protects the live lock screen against
 * guessing, never a copied disk (anyone with the files can guess offline anyway), and failing
 * towards "no wipe" is what keeps false wipes away. A keystore secret that no longer opens
 * ('lost': the OS keystore was reset, the folder came from another account) is the same case.
 */
export async function loadGuard(
  fs: FileSystem,
  guardPath: string,
  headerPrefix: Buffer | null,
  secret: MirrorSecret = 'none',
): Promise<GuardState> {
  if (!headerPrefix || secret === 'lost') return { ...DEFAULT_GUARD };
  const bytes = await readIfExists(fs, guardPath).catch(() => null);
  if (!bytes) return { ...DEFAULT_GUARD };
  return openGuard(headerPrefix, bytes, secret === 'none' ? null : secret) ?? { ...DEFAULT_GUARD };
}

export async function storeGuard(
  fs: FileSystem,
  guardPath: string,
  headerPrefix: Buffer,
  s: GuardState,
  secret: Buffer | null = null,
): Promise<void> {
  await writeDurably(fs, guardPath, sealGuard(headerPrefix, s, secret));
}
