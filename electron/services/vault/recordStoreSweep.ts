import { join } from 'node:path';
import { removeFileDurably } from './atomicFile';
import { TEMP_PREFIX } from './formatConstants';
import { ENTRY_DELETED } from './revisionManifest';
import { entryKey, nameOf, type RecordStoreState } from './recordStoreState';

const nextTick = (): Promise<void> => new Promise<void>((r) => setImmediate(r));

/**
 * Cleanup that no read depends on (tombstoned files are never read; temp files are never renamed
 * by anyone now), so it runs after unlock returns, in slices. The listing it works from was taken
 * before this session wrote anything, so the temp files in it are a dead process's.
 */
export function startSweep(st: RecordStoreState): Promise<void> {
  const { fs, session, recordsDir } = st;
  return (async (): Promise<void> => {
    await nextTick();
    const all = [...st.entries.values()];
    const known = new Set<string>();
    for (let i = 0; i < all.length; i++) {
      if (i % 1024 === 1023) await nextTick();
      if (!session.isOpen()) return;
      const e = all[i];
      if (e) known.add(nameOf(st, e));
    }
    let strangers = 0;
    for (const name of st.loaded.onDisk) {
      if (!session.isOpen()) return;
      if (name.startsWith(TEMP_PREFIX)) await fs.unlink(join(recordsDir, name)).catch(() => undefined);
      else if (!known.has(name)) strangers++;
    }
    for (const e of all) {
      if (!session.isOpen()) return;
      if (!(e.flags & ENTRY_DELETED) || !st.loaded.onDisk.has(e.fileName)) continue;
      // Through the write queue, re-checked there: the id may have been re-created meanwhile.
      await st.queue.run(async () => {
        const now = st.entries.get(entryKey(e.collection, e.id));
        if (session.isOpen() && now && now.flags & ENTRY_DELETED)
          await removeFileDurably(fs, join(recordsDir, nameOf(st, now))).catch(() => undefined);
      });
    }
    if (strangers > 0)
      st.logger?.warn('vault: files not in the manifest were left untouched', { count: strangers });
  })().catch(() => undefined);
}
