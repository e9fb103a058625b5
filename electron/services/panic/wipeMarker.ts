import { randomBytes } from 'node:crypto';
import { END_STATES, type EndState } from './panicTypes';
import { readIfExists, type FileSystem } from '../common';
import { writeDurably } from './durableFile';

/**
 * The journal of a wipe in progress: written and fsynced BEFORE the key header is touched, removed
 * only when everything is done, so a power cut or kill at any instant leaves either an untouched
 * folder or a marker that `recoverInterruptedWipe()` finishes at the next start.
 *
 * 32 bytes: version 1 | end-state index | stage | 29 random bytes. The random tail keeps the file
 * from being a recognisable constant; its meaning is only "a wipe began here", which the
 * half-deleted folder around it says anyway.
 */
export const MARKER_FILE = '.wipe-pending';
const MARKER_BYTES = 32;
const MARKER_VERSION = 1;

/** 1: keys and data are being destroyed. 2: the decoy is being moved into place (do not destroy the vault path again). */
export type MarkerStage = 1 | 2;

export interface WipeMarker {
  endState: EndState;
  stage: MarkerStage;
}

export function encodeMarker(m: WipeMarker): Buffer {
  const b = randomBytes(MARKER_BYTES);
  b[0] = MARKER_VERSION;
  b[1] = END_STATES.indexOf(m.endState);
  b[2] = m.stage;
  return b;
}

export function decodeMarker(b: Buffer): WipeMarker {
  // A damaged marker still means "a wipe began": finish it, end in the most cautious state.
  const endState = b[0] === MARKER_VERSION ? (END_STATES[b[1] ?? 0] ?? 'quit') : 'quit';
  const stage: MarkerStage = b[2] === 2 ? 2 : 1;
  return { endState, stage };
}

export async function writeMarker(fs: FileSystem, path: string, m: WipeMarker): Promise<void> {
  await writeDurably(fs, path, encodeMarker(m));
}

export async function readMarker(fs: FileSystem, path: string): Promise<WipeMarker | null> {
  const b = await readIfExists(fs, path);
  return b ? decodeMarker(b) : null;
}
