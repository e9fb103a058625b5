import { describe, expect, it } from 'vitest';
import { beginRecordTransaction } from '../../../../electron/services/signal/recordTransaction';
import { createMemoryRecordStore } from '../../../../electron/services/vault/recordStore';
import { snapshot } from './channelTestKit';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('record transaction', () => {
  it('shows its own pending writes and removals to reads and lists, and nothing to the store until commit', async () => {
    const store = createMemoryRecordStore();
    await store.write('c', 'kept', bytes('old'));
    await store.write('c', 'gone', bytes('x'));
    const before = snapshot(store);
    const tx = beginRecordTransaction(store);
    tx.write('c', 'kept', bytes('new'));
    tx.write('c', 'added', bytes('a'));
    tx.remove('c', 'gone');
    expect(new TextDecoder().decode((await tx.read('c', 'kept')) ?? new Uint8Array())).toBe('new');
    expect(await tx.read('c', 'gone')).toBeNull();
    expect((await tx.list('c')).sort()).toEqual(['added', 'kept']);
    expect(snapshot(store)).toEqual(before);
    await tx.commit();
    expect((await store.list('c')).sort()).toEqual(['added', 'kept']);
    expect(new TextDecoder().decode((await store.read('c', 'kept')) ?? new Uint8Array())).toBe('new');
  });

  it('copies written bytes so a caller mutating its buffer afterwards changes nothing', async () => {
    const store = createMemoryRecordStore();
    const tx = beginRecordTransaction(store);
    const data = bytes('abc');
    tx.write('c', 'id', data);
    data[0] = 0;
    await tx.commit();
    expect(new TextDecoder().decode((await store.read('c', 'id')) ?? new Uint8Array())).toBe('abc');
  });

  it('refuses to be used after commit', async () => {
    const tx = beginRecordTransaction(createMemoryRecordStore());
    await tx.commit();
    expect(() => tx.write('c', 'id', bytes('x'))).toThrow();
    await expect(tx.commit()).rejects.toThrow();
  });
});
