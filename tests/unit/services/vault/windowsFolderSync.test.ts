import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { floorVault, PASS, tempDir } from './helpers';
import { nodeFileSystem, type FileSystem } from '../../../../electron/services/common';

/**
 * Windows cannot open a folder as a file (Node has no FILE_FLAG_BACKUP_SEMANTICS): fs.open(dir)
 * fails with EPERM there. The fake below does the same on Linux, so the test shows what the
 * Windows build would meet on every vault write; process.platform is set for the run.
 */
function windowsLikeFs(): FileSystem {
  return {
    ...nodeFileSystem,
    open: async (path: Parameters<FileSystem['open']>[0], ...rest: unknown[]) => {
      if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
        throw Object.assign(new Error(`EPERM: operation not permitted, open '${String(path)}'`), {
          code: 'EPERM',
        });
      }
      return (nodeFileSystem.open as (...a: unknown[]) => ReturnType<FileSystem['open']>)(path, ...rest);
    },
  };
}

const realPlatform = process.platform;
function pretendPlatform(platform: NodeJS.Platform): void {
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
}

describe('vault writes where a folder cannot be opened (Windows)', () => {
  afterEach(() => pretendPlatform(realPlatform));

  it('create, write a note, lock and unlock all work on win32', async () => {
    pretendPlatform('win32');
    const { dir, cleanup } = await tempDir();
    try {
      const vault = floorVault(dir, { fs: windowsLikeFs() });
      await vault.create(PASS, { withRecoveryCode: true });
      const note = await vault.notes.create({
        title: 'Адвокат',
        body: 'позвонить в среду',
        tags: [],
        pinned: false,
      });
      await vault.lock();
      expect(await vault.unlock(PASS)).toMatchObject({ ok: true });
      expect(vault.notes.get(note.id).title).toBe('Адвокат');
      await vault.lock();
    } finally {
      await cleanup();
    }
  });

  it('on Linux the same folder open is made (the folder fsync is real there), so the fake bites', async () => {
    pretendPlatform('linux');
    const { dir, cleanup } = await tempDir();
    try {
      const vault = floorVault(dir, { fs: windowsLikeFs() });
      await expect(vault.create(PASS, { withRecoveryCode: false })).rejects.toThrow();
    } finally {
      await cleanup();
    }
  });
});
