import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RECORD_COLLECTIONS, registeredCollections } from '../../../../electron/services/vault/collections';
import { SAVED_ITEM_COLLECTIONS, countSavedItems } from '../../../../electron/services/vault/savedItems';
import { PASS, floorVault, tempDir } from './helpers';

/** Issue 16 (task D4 part 2): the index notice counts the person's saved items, not internal records. */
let ctx: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  ctx = await tempDir();
});
afterEach(async () => {
  await ctx.cleanup();
});

const note = (title: string) => ({ title, body: 'b', tags: [], pinned: false });
const internal = Buffer.from('{"v":1}');

describe('saved items in the index notice', () => {
  it('names only registered collections, and only user-visible ones', () => {
    const registered = new Set<string>(registeredCollections().map((c) => c.name));
    for (const name of SAVED_ITEM_COLLECTIONS) expect(registered.has(name)).toBe(true);
    expect(SAVED_ITEM_COLLECTIONS.has(RECORD_COLLECTIONS.drafts.drafts)).toBe(false);
    expect(SAVED_ITEM_COLLECTIONS.has(RECORD_COLLECTIONS.checklist.progress)).toBe(false);
    expect(SAVED_ITEM_COLLECTIONS.has(RECORD_COLLECTIONS.vault.meta)).toBe(false);
  });

  it('counts notes and leaves drafts, checklist progress and panic set-up out', () => {
    const records = [
      { collection: RECORD_COLLECTIONS.vault.notes },
      { collection: RECORD_COLLECTIONS.drafts.drafts },
      { collection: RECORD_COLLECTIONS.checklist.progress },
      { collection: RECORD_COLLECTIONS.panic.config },
      { collection: RECORD_COLLECTIONS.vault.notes },
    ];
    expect(countSavedItems(records)).toBe(2);
  });

  it('a rebuilt index of 3 notes plus internal records says 3', async () => {
    const vault = floorVault(ctx.dir);
    await vault.create(PASS, { withRecoveryCode: false });
    for (const title of ['one', 'two', 'three']) await vault.notes.create(note(title));
    await vault.records.write(RECORD_COLLECTIONS.drafts.drafts, 'note', internal);
    await vault.records.write(RECORD_COLLECTIONS.checklist.progress, 'progress', internal);
    await vault.records.write(RECORD_COLLECTIONS.panic.config, 'config', internal);
    await vault.records.write(RECORD_COLLECTIONS.panic.drills, 'd1', internal);
    await vault.lock();
    await rm(join(ctx.dir, 'vault', 'manifest.bin'));

    expect((await vault.unlock(PASS)).ok).toBe(true);
    await vault.notes.loaded();
    expect(vault.notes.list()).toHaveLength(3);
    // The internal records are listed again too, only not counted as the person's items.
    expect((await vault.records.read(RECORD_COLLECTIONS.drafts.drafts, 'note'))?.toString()).toBe('{"v":1}');
    expect(vault.indexNotice()).toMatchObject({ kind: 'rebuilt', recovered: 3 });
  });
});
