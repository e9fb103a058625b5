import { describe, expect, it } from 'vitest';
import { EPOCH_LABEL, openChannelState, stateKey } from '../../../../electron/services/signal/channelState';
import type { EpochKeyFile } from '../../../../electron/services/signal/epochKeyFile';
import { recordBackedEpochKeyFileForTests } from '../../../../electron/services/signal/epochKeyFile';
import { openSealedCopy } from '../../../../electron/services/vault/inPlaceFile';
import { createMemoryRecordStore } from '../../../../electron/services/vault/recordStore';
import { connectedPair, makeService, snapshot } from './channelTestKit';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The record-backed epoch file, whose Nth overwrite (1-based) fails as a power cut would. */
function failingAt(file: EpochKeyFile, failOn: number): EpochKeyFile {
  let overwrites = 0;
  return {
    ...file,
    overwrite: (index, data) => {
      overwrites += 1;
      return overwrites === failOn ? Promise.reject(new Error('EIO')) : file.overwrite(index, data);
    },
  };
}

async function openCopies(records: ReturnType<typeof createMemoryRecordStore>): Promise<number> {
  const wrap = await records.read('signal-epoch-wrap', 'key');
  const copies = await recordBackedEpochKeyFileForTests(records).read();
  if (!wrap || !copies) return 0;
  return ([0, 1] as const).filter(
    (i) => openSealedCopy(Buffer.from(wrap), EPOCH_LABEL, i, copies[i]) !== null,
  ).length;
}

describe('channel state under a rotating epoch key', () => {
  it('after every commit exactly one epoch copy opens and exactly one state record exists', async () => {
    const records = createMemoryRecordStore();
    const file = recordBackedEpochKeyFileForTests(records);
    for (let n = 0; n < 4; n += 1) {
      const state = await openChannelState(records, file);
      await state.commit(new Map([...state.entries, [stateKey('c', String(n)), bytes('x')]]));
      expect(await openCopies(records)).toBe(1);
      expect(await records.list('signal-state')).toHaveLength(1);
    }
    expect([...(await openChannelState(records, file)).entries.keys()]).toHaveLength(4);
  });

  it('a commit that fails before its epoch copy is written leaves the old state byte-identical but for an orphan it removes', async () => {
    const records = createMemoryRecordStore();
    const file = recordBackedEpochKeyFileForTests(records);
    const first = await openChannelState(records, file);
    await first.commit(new Map([[stateKey('c', 'a'), bytes('old')]]));
    const before = snapshot(records);
    const state = await openChannelState(records, failingAt(file, 1));
    await expect(state.commit(new Map([[stateKey('c', 'a'), bytes('new')]]))).rejects.toThrow('EIO');
    expect(snapshot(records)).toEqual(before);
    const reopened = await openChannelState(records, file);
    expect(new TextDecoder().decode(reopened.entries.get(stateKey('c', 'a')))).toBe('old');
  });

  it('a commit cut after its commit point is finished on the next open: the new state holds and the old key is destroyed', async () => {
    const records = createMemoryRecordStore();
    const file = recordBackedEpochKeyFileForTests(records);
    await (await openChannelState(records, file)).commit(new Map([[stateKey('c', 'a'), bytes('old')]]));
    const state = await openChannelState(records, failingAt(file, 2));
    await expect(state.commit(new Map([[stateKey('c', 'a'), bytes('new')]]))).rejects.toThrow('EIO');
    expect(await openCopies(records)).toBe(2);
    const reopened = await openChannelState(records, file);
    expect(new TextDecoder().decode(reopened.entries.get(stateKey('c', 'a')))).toBe('new');
    expect(await openCopies(records)).toBe(1);
    expect(await records.list('signal-state')).toHaveLength(1);
  });

  it('a channel whose epoch file write fails keeps working from the old state afterwards', async () => {
    const { user, desk, deskThreadOnUser, userRecords, clock } = await connectedPair(91);
    await desk.receive((await user.send(deskThreadOnUser, 'one')).envelope);
    const failing = makeService('user', userRecords, clock, 92, {
      epochKeyFile: failingAt(recordBackedEpochKeyFileForTests(userRecords), 1),
    });
    await expect(failing.send(deskThreadOnUser, 'lost')).rejects.toThrow('EIO');
    const { message } = await desk.receive((await user.send(deskThreadOnUser, 'two')).envelope);
    expect(message.body).toBe('two');
  });
});

describe('moving a vault of the per-collection layout', () => {
  it('reads the old records once, keeps the session working, and removes them', async () => {
    const { user, desk, deskThreadOnUser, userRecords, clock } = await connectedPair(95);
    await desk.receive((await user.send(deskThreadOnUser, 'before the move')).envelope);
    const old = createMemoryRecordStore();
    const state = await openChannelState(userRecords, recordBackedEpochKeyFileForTests(userRecords));
    for (const [key, value] of state.entries) {
      const [collection = '', id = ''] = key.split('\u0000');
      await old.write(collection, id, value);
    }
    expect(await old.list('signal-sessions')).toHaveLength(1);
    const moved = makeService('user', old, clock, 96);
    const { message } = await desk.receive((await moved.send(deskThreadOnUser, 'after the move')).envelope);
    expect(message.body).toBe('after the move');
    expect(await old.list('signal-sessions')).toEqual([]);
    expect(await old.list('signal-local')).toEqual([]);
    expect(await old.list('signal-state')).toHaveLength(1);
  });
});
