import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  cpSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVaultService, type VaultService } from '../../../../electron/services/vault/vaultService';
import { BLOCK } from '../../../fixtures/ext4Image';
import { nodeFileSystem, type FileSystem } from '../../../../electron/services/common';

/**
 * The vault-header half of the seized-disk adversary (issue 11 §2). It knows nothing of the
 * header format: the header file's name and size come from the live vault folder, every non-zero
 * block of the raw image (and each header-sized offset inside it) is a candidate, and the only
 * judge of a candidate is the app's own unlock() in a scratch folder holding it.
 */

const LANES = 4;

export interface HeaderFile {
  name: string;
  size: number;
}

/** A secret the person ever had: a passphrase, or the recovery words (unlocked through their own call). */
export interface Secret {
  label: string;
  passphrase?: string;
  words?: string[];
}

export interface Opening {
  secret: string;
  candidate: number;
  role: string | null;
  vaultId: string | null;
  /** Some note title or body of the opened vault contains the marker. */
  markerSeen: boolean;
  /** Files beyond what a refused unlock touches: proof the slot opened even when unlock then threw. */
  touched: string[];
  error: string | null;
}

/** The file of `liveDir` whose presence alone makes a vault service say "a vault is here". */
export async function findHeaderFile(liveDir: string): Promise<HeaderFile> {
  const found: HeaderFile[] = [];
  for (const name of readdirSync(liveDir)) {
    const path = join(liveDir, name);
    if (!statSync(path).isFile()) continue;
    const probe = mkdtempSync(join(tmpdir(), 'tikho-probe-'));
    try {
      cpSync(path, join(probe, name));
      if (await createVaultService({ dir: probe }).exists()) found.push({ name, size: statSync(path).size });
    } finally {
      rmSync(probe, { recursive: true, force: true });
    }
  }
  if (found.length !== 1)
    throw new Error(`expected one header file in the vault folder, found ${found.length}`);
  return found[0] as HeaderFile;
}

/** Header-sized slices of every non-zero block, each distinct slice once. */
export function headerCandidates(image: Buffer, size: number): Buffer[] {
  const seen = new Set<string>();
  const out: Buffer[] = [];
  const step = size < BLOCK ? size : BLOCK;
  for (let at = 0; at + BLOCK <= image.length; at += BLOCK) {
    const block = image.subarray(at, at + BLOCK);
    if (!block.some((b) => b !== 0)) continue;
    for (let off = 0; off < BLOCK && at + off + size <= image.length; off += step) {
      const slice = image.subarray(at + off, at + off + size);
      if (!slice.some((b) => b !== 0)) continue;
      const hash = createHash('sha256').update(slice).digest('hex');
      if (seen.has(hash)) continue;
      seen.add(hash);
      out.push(Buffer.from(slice));
    }
  }
  return out;
}

/** The vault fs, noting every path used other than the header file. */
function spyFs(headerPath: string, touched: Set<string>): FileSystem {
  const note = (p: unknown): void => {
    const path = String(p);
    if (path !== headerPath) touched.add(path);
  };
  return {
    open: ((path: string, ...rest: []) => {
      note(path);
      return nodeFileSystem.open(path, ...rest);
    }) as FileSystem['open'],
    readFile: (p) => (note(p), nodeFileSystem.readFile(p)),
    readFileSync: (p) => (note(p), nodeFileSystem.readFileSync(p)),
    readdir: (p) => (note(p), nodeFileSystem.readdir(p)),
    readdirEntries: (p) => (note(p), nodeFileSystem.readdirEntries(p)),
    lstat: (p) => (note(p), nodeFileSystem.lstat(p)),
    rmdir: (p) => (note(p), nodeFileSystem.rmdir(p)),
    copyFile: (a, b) => (note(a), note(b), nodeFileSystem.copyFile(a, b)),
    rename: (a, b) => (note(a), note(b), nodeFileSystem.rename(a, b)),
    unlink: (p) => (note(p), nodeFileSystem.unlink(p)),
    mkdir: (p, o) => (note(p), nodeFileSystem.mkdir(p, o)),
  };
}

async function markerIn(vault: VaultService, marker: string): Promise<boolean> {
  await vault.notes.loaded();
  return vault.notes.list().some((summary) => {
    const note = vault.notes.get(summary.id);
    return note.title.includes(marker) || note.body.includes(marker);
  });
}

interface Attempt {
  ok: boolean;
  role: string | null;
  vaultId: string | null;
  markerSeen: boolean;
  touched: Set<string>;
  error: string | null;
}

async function attempt(dir: string, headerPath: string, secret: Secret, marker: string): Promise<Attempt> {
  const touched = new Set<string>();
  const vault = createVaultService({ dir, fs: spyFs(headerPath, touched) });
  const result: Attempt = { ok: false, role: null, vaultId: null, markerSeen: false, touched, error: null };
  try {
    const r = secret.words
      ? await vault.unlockWithRecoveryCode(secret.words.join(' '))
      : await vault.unlock(secret.passphrase ?? '');
    if (r.ok) {
      result.ok = true;
      result.role = r.role;
      result.vaultId = vault.vaultId;
      if (vault.isUnlocked()) result.markerSeen = await markerIn(vault, marker);
    }
  } catch (error) {
    result.error = (error as { code?: string }).code ?? (error as Error).message;
  } finally {
    await vault.lock().catch(() => undefined);
  }
  return result;
}

/** One scratch copy of a vault folder whose header file is swapped for each candidate. */
interface Scratch {
  dir: string;
  headerPath: string;
  /** What an unlock refused on a header of noise touches: the format's own baseline, not ours. */
  baseline: Set<string>;
  /** The candidate now in the header file. */
  holds: Buffer | null;
  /** Open on the header file: a same-size overwrite in place costs ~1 % of a truncating rewrite on ext4. */
  fd: number;
}

async function makeScratch(template: string, header: HeaderFile): Promise<Scratch> {
  const dir = mkdtempSync(join(tmpdir(), 'tikho-carve-'));
  cpSync(template, dir, { recursive: true });
  const headerPath = join(dir, header.name);
  writeFileSync(headerPath, randomBytes(header.size));
  const noise = await attempt(dir, headerPath, { label: 'noise', passphrase: 'x'.repeat(24) }, '');
  return { dir, headerPath, baseline: noise.touched, holds: null, fd: openSync(headerPath, 'r+') };
}

async function tryIn(scratch: Scratch, candidate: Buffer, secret: Secret, marker: string) {
  if (scratch.holds !== candidate) writeSync(scratch.fd, candidate, 0, candidate.length, 0);
  scratch.holds = candidate;
  const a = await attempt(scratch.dir, scratch.headerPath, secret, marker);
  if (a.ok || a.touched.size > 0) {
    // An opened vault may have rewritten or replaced its header file: start from a known file.
    closeSync(scratch.fd);
    writeFileSync(scratch.headerPath, candidate);
    scratch.fd = openSync(scratch.headerPath, 'r+');
  }
  const touched = [...a.touched]
    .filter((p) => !scratch.baseline.has(p))
    .map((p) => p.slice(scratch.dir.length));
  return { ...a, touched };
}

/**
 * Puts each candidate in scratch copies of `templates` (the live vault folders, so an opened key
 * shows what it reads) and unlocks a fresh vault service with every secret. An opening is an
 * unlock that succeeds, or one that touches a file a refused unlock never touches; a key that
 * opens but does not fit the first folder's records is tried on the next folder.
 */
export async function tryCandidates(input: {
  candidates: Buffer[];
  templates: string[];
  header: HeaderFile;
  secrets: Secret[];
  marker: string;
}): Promise<Opening[]> {
  const made: Scratch[] = [];
  const openings: Opening[] = [];
  // Several scratch sets at once: each attempt mostly waits on the file system, not the CPU.
  const lanes = Array.from({ length: LANES }, (_, lane) => lane);
  try {
    await Promise.all(
      lanes.map(async (lane) => {
        const scratches: Scratch[] = [];
        for (const template of input.templates) {
          const s = await makeScratch(template, input.header);
          made.push(s);
          scratches.push(s);
        }
        for (let index = lane; index < input.candidates.length; index += LANES) {
          const candidate = input.candidates[index] ?? Buffer.alloc(0);
          for (const secret of input.secrets) {
            const opened = await tryEverywhere(scratches, candidate, secret, input.marker);
            if (opened) openings.push({ ...opened, secret: secret.label, candidate: index });
          }
        }
      }),
    );
    return openings.sort((a, b) => a.candidate - b.candidate);
  } finally {
    for (const s of made) {
      closeSync(s.fd);
      rmSync(s.dir, { recursive: true, force: true });
    }
  }
}

async function tryEverywhere(
  scratches: Scratch[],
  candidate: Buffer,
  secret: Secret,
  marker: string,
): Promise<Omit<Opening, 'secret' | 'candidate'> | null> {
  const [first, ...others] = scratches;
  if (!first) return null;
  let a = await tryIn(first, candidate, secret, marker);
  if (!a.ok && a.touched.length === 0) return null;
  for (const other of others) {
    if (a.ok) break;
    const next = await tryIn(other, candidate, secret, marker);
    if (next.ok) a = next;
  }
  return {
    role: a.role,
    vaultId: a.vaultId,
    markerSeen: a.markerSeen,
    touched: a.touched.slice(0, 3),
    error: a.error,
  };
}
