import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createVaultService,
  type VaultServiceOptions,
} from '../../../../electron/services/vault/vaultService';

export const FLOOR_KDF = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
export const PASS = 'correct horse battery staple';

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tikho-vault-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export function floorVault(dir: string, extra: Partial<VaultServiceOptions> = {}) {
  return createVaultService({ dir: join(dir, 'vault'), kdf: FLOOR_KDF, ...extra });
}

/** Every regular file under `root`, recursively. */
export async function allFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(root)) {
    const p = join(root, name);
    if ((await stat(p)).isDirectory()) out.push(...(await allFiles(p)));
    else out.push(p);
  }
  return out;
}

export async function recordFiles(vaultDir: string): Promise<string[]> {
  return (await readdir(join(vaultDir, 'records'))).map((n) => join(vaultDir, 'records', n));
}

export { readFile };

/** A gate a test opens when it is ready; `reached` resolves once some code waits at it. */
export interface Latch {
  reached: Promise<void>;
  wait(): Promise<void>;
  open(): void;
}

export function latch(): Latch {
  let arrive = (): void => undefined;
  let release = (): void => undefined;
  const reached = new Promise<void>((r) => (arrive = r));
  const opened = new Promise<void>((r) => (release = r));
  return {
    reached,
    wait: () => {
      arrive();
      return opened;
    },
    open: () => release(),
  };
}
