import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  createPanicService,
  type PanicPorts,
  type PanicService,
  type PanicServiceOptions,
} from '../../../../electron/services/panic';
import { createVaultService, type VaultService } from '../../../../electron/services/vault/vaultService';

export const FLOOR_KDF = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
export const REAL_PASS = 'correct horse battery staple';
export const DURESS_PASS = 'sunflower kettle ocean 42';

export interface Env {
  root: string;
  dataDir: string;
  /** A private temp folder: the wipe deletes `tikho-*` entries there, and other test files run in parallel. */
  tmpDir: string;
  /** Services made over this folder: cleanup waits for their background work (spare/ builds). */
  services: PanicService[];
  cleanup(): Promise<void>;
}

export async function makeEnv(): Promise<Env> {
  const root = await mkdtemp(join(tmpdir(), 'panic-test-'));
  const dataDir = join(root, 'data');
  const tmp = join(root, 'tmp');
  await mkdir(dataDir, { recursive: true });
  await mkdir(tmp, { recursive: true });
  const services: PanicService[] = [];
  const cleanup = async (): Promise<void> => {
    await Promise.all(services.map((s) => s.whenIdle()));
    await rm(root, { recursive: true, force: true });
  };
  return { root, dataDir, tmpDir: tmp, services, cleanup };
}

export const floorVault = (dir: string, extra: { clock?: () => number } = {}): VaultService =>
  createVaultService({ dir, kdf: FLOOR_KDF, ...extra });

export interface RecordingPorts extends PanicPorts {
  calls: string[];
}

export function recordingPorts(log: string[] = []): RecordingPorts {
  return {
    calls: log,
    clearSessionData: () => {
      log.push('port:clearSessionData');
      return Promise.resolve();
    },
    clearRecentDocuments: () => {
      log.push('port:clearRecentDocuments');
      return Promise.resolve();
    },
    clipboard: {
      clearIfOwned: () => {
        log.push('port:clipboard');
        return true;
      },
    },
    resetAppState: () => {
      log.push('port:resetAppState');
    },
    quit: () => {
      log.push('port:quit');
    },
    showEndState: (screen) => {
      log.push(`port:show:${screen}`);
    },
  };
}

export function makeService(
  env: Env,
  vault: VaultService,
  extra: Partial<PanicServiceOptions> = {},
): PanicService {
  const service = createPanicService({
    dataDir: env.dataDir,
    vault,
    ports: recordingPorts(),
    createVault: floorVault,
    tmpDir: env.tmpDir,
    ...extra,
  });
  env.services.push(service);
  return service;
}

/** A vault with a few notes (one carrying `marker`), plus settings and Electron-like session files. */
export async function fillDataDir(env: Env, marker: string): Promise<VaultService> {
  const vault = floorVault(join(env.dataDir, 'vault'));
  await vault.create(REAL_PASS, { withRecoveryCode: false });
  for (let i = 0; i < 3; i++)
    await vault.notes.create({ title: `note ${i}`, body: `${marker} body ${i}`, tags: [], pinned: false });
  const { writeFile } = await import('node:fs/promises');
  await writeFile(join(env.dataDir, 'settings.json'), JSON.stringify({ language: 'ru', theme: 'dark' }));
  await mkdir(join(env.dataDir, 'Local Storage', 'leveldb'), { recursive: true });
  await writeFile(join(env.dataDir, 'Local Storage', 'leveldb', '000003.log'), `${marker} local storage`);
  await mkdir(join(env.dataDir, 'Cache', 'Cache_Data'), { recursive: true });
  await writeFile(join(env.dataDir, 'Cache', 'Cache_Data', 'data_1'), Buffer.alloc(4096, 7));
  await writeFile(join(env.dataDir, 'Preferences'), '{"spellcheck":false}');
  return vault;
}

export async function allFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return out;
  }
  for (const name of names) {
    const p = join(root, name);
    const s = await stat(p).catch(() => null);
    if (!s) continue;
    if (s.isDirectory()) out.push(...(await allFiles(p)));
    else out.push(p);
  }
  return out;
}

/** Paths under `root` whose bytes contain any of `needles`. */
export async function filesContaining(root: string, needles: Buffer[]): Promise<string[]> {
  const hits: string[] = [];
  for (const f of await allFiles(root)) {
    const bytes = await readFile(f).catch(() => null);
    if (bytes && needles.some((n) => bytes.includes(n))) hits.push(f);
  }
  return hits;
}

/**
 * What an examiner with a copy sees of a folder: relative paths with sizes; record file names
 * (keyed HMACs) become a per-folder count.
 */
export async function folderShape(root: string, dir = root): Promise<string[]> {
  const out: string[] = [];
  let hashed = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(`${relative(root, p)}/`, ...(await folderShape(root, p)));
    else if (/^[0-9a-f]{64}$/.test(e.name)) hashed++;
    else out.push(`${relative(root, p)} ${(await stat(p)).size}`);
  }
  if (hashed > 0) out.push(`${relative(root, dir)}/<${hashed} hashed files>`);
  return out.sort();
}
