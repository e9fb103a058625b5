import { describe, expect, it } from 'vitest';
import { openChannelState } from '../../../../electron/services/signal/channelState';
import { applyHistory, historyView } from '../../../../electron/services/signal/detachedHistory';
import { recordBackedEpochKeyFileForTests } from '../../../../electron/services/signal/epochKeyFile';
import { openGcm } from '../../../../electron/services/vault/aead';
import type { EncryptedRecordStore } from '../../../../electron/services/vault/recordStore';
import { createMemoryRecordStore } from '../../../../electron/services/vault/recordStore';
import { connectedPair } from './channelTestKit';

const HISTORY_RECORDS = 'signal-hist';

async function stateRecordBytes(records: EncryptedRecordStore): Promise<number> {
  const [id] = await records.list('signal-state');
  return (await records.read('signal-state', id ?? ''))?.length ?? 0;
}

/** Every 32-byte window of every entry of the current state: any key the state could hold. */
async function keyWindows(records: EncryptedRecordStore): Promise<Buffer[]> {
  const state = await openChannelState(records, recordBackedEpochKeyFileForTests(records));
  const windows: Buffer[] = [];
  for (const value of state.entries.values())
    for (let at = 0; at + 32 <= value.length; at += 1) windows.push(Buffer.from(value.subarray(at, at + 32)));
  return windows;
}

describe('kept history outside the epoch-sealed state', () => {
  it('a send with many messages kept reseals a state that does not grow with their text', async () => {
    const { user, deskThreadOnUser, userRecords } = await connectedPair(310);
    await user.setRetention(deskThreadOnUser, '1d');
    await user.send(deskThreadOnUser, 'first');
    const before = await stateRecordBytes(userRecords);
    const body = 'x'.repeat(4000);
    for (let n = 0; n < 10; n += 1) await user.send(deskThreadOnUser, `${n} ${body}`);
    const growth = (await stateRecordBytes(userRecords)) - before;
    // Ten 4 KB messages are kept (they are read back below) but the state holds only their pointers.
    expect(growth).toBeLessThan(10 * 400);
    const { messages } = await user.openThread(deskThreadOnUser);
    expect(messages.filter((m) => m.body.endsWith(body))).toHaveLength(10);
    expect(await userRecords.list(HISTORY_RECORDS)).toHaveLength(11);
  });

  it('a removed message record, copied before its removal, opens with no key the next state holds', async () => {
    const { user, deskThreadOnUser, userRecords } = await connectedPair(311);
    await user.setRetention(deskThreadOnUser, '1d');
    for (let n = 0; n < 3; n += 1) await user.send(deskThreadOnUser, `kept for a while ${n}`);
    const copied: Array<{ id: string; sealed: Uint8Array }> = [];
    for (const id of await userRecords.list(HISTORY_RECORDS)) {
      const sealed = await userRecords.read(HISTORY_RECORDS, id);
      if (sealed) copied.push({ id, sealed });
    }
    expect(copied).toHaveLength(3);
    const opens = (windows: Buffer[]): number =>
      copied.filter(({ id, sealed }) =>
        windows.some(
          (key) => openGcm(key, sealed, Buffer.from(`tikho/signal-hist/v1/${id}`, 'utf8')) !== null,
        ),
      ).length;
    // The search works: the state holding the messages opens each copied record.
    expect(opens(await keyWindows(userRecords))).toBe(3);
    await user.setRetention(deskThreadOnUser, 'none');
    expect(await userRecords.list(HISTORY_RECORDS)).toEqual([]);
    expect(opens(await keyWindows(userRecords))).toBe(0);
  });

  it('a state of the earlier layout (messages inline) reads them as they are; the next commit moves them into records', async () => {
    const records = createMemoryRecordStore();
    const text = (b: Uint8Array | null): string => Buffer.from(b ?? []).toString('utf8');
    const old = new Map([
      ['signal-history\u0000a', Buffer.from('one')],
      ['signal-sessions\u0000peer', Buffer.from('session')],
    ]);
    expect(historyView(records, old).list()).toEqual(['a']);
    expect(text(await historyView(records, old).read('a'))).toBe('one');
    const next = new Map(old);
    await applyHistory(records, next, new Map([['b', Buffer.from('two')]]));
    expect([...next.keys()].filter((k) => k.startsWith('signal-history\u0000'))).toEqual([]);
    expect(await records.list(HISTORY_RECORDS)).toHaveLength(2);
    const moved = historyView(records, next);
    expect(moved.list().sort()).toEqual(['a', 'b']);
    expect([text(await moved.read('a')), text(await moved.read('b'))]).toEqual(['one', 'two']);
    const after = new Map(next);
    const { removed } = await applyHistory(records, after, new Map([['a', null]]));
    expect(removed).toHaveLength(1);
    expect(historyView(records, after).list()).toEqual(['b']);
  });
});
