import { promises as fsp } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../vault/helpers';
import { durabilityFor, syncFolder } from '../../../../electron/services/common';

/** Real fs.open, counting which paths were opened and how many handles were synced. */
function countingFs(): { fs: { open: typeof fsp.open }; opened: string[]; syncs: () => number } {
  const opened: string[] = [];
  let syncs = 0;
  const open = (async (...args: Parameters<typeof fsp.open>) => {
    opened.push(String(args[0]));
    const handle = await fsp.open(...args);
    const realSync = handle.sync.bind(handle);
    handle.sync = async () => {
      syncs++;
      await realSync();
    };
    return handle;
  }) as typeof fsp.open;
  return { fs: { open }, opened, syncs: () => syncs };
}

describe('the per-OS durability choice (issue 11 §7)', () => {
  it('names what sync() does on each OS and folders are synced everywhere but Windows', () => {
    expect(durabilityFor('darwin')).toEqual({ fileFlush: 'full-fsync', syncFolders: true });
    expect(durabilityFor('linux')).toEqual({ fileFlush: 'fsync', syncFolders: true });
    expect(durabilityFor('freebsd')).toEqual({ fileFlush: 'fsync', syncFolders: true });
    expect(durabilityFor('win32')).toEqual({ fileFlush: 'flush-file-buffers', syncFolders: false });
  });

  it('on darwin the folder is really opened and synced; on win32 it is never opened', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const mac = countingFs();
      await syncFolder(mac.fs, dir, 'darwin');
      expect(mac.opened).toEqual([dir]);
      expect(mac.syncs()).toBe(1);

      const win = countingFs();
      await syncFolder(win.fs, dir, 'win32');
      expect(win.opened).toEqual([]);
      expect(win.syncs()).toBe(0);
    } finally {
      await cleanup();
    }
  });
});
