import { describe, expect, it } from 'vitest';
import type { EncryptedRecordStore } from '../../../../electron/services/vault/recordStore';
import { connectedPair, DAY, makeService, rejectionCode, stateKeys } from './channelTestKit';

async function historyKeys(records: EncryptedRecordStore): Promise<string[]> {
  return (await stateKeys(records)).filter((k) => k.startsWith('signal-history\u0000'));
}

describe('thread history retention', () => {
  it('keeps 7 days by default and purges older messages when the thread is opened', async () => {
    const { user, desk, deskThreadOnUser, clock } = await connectedPair(71);
    const { threadId } = await desk.receive((await user.send(deskThreadOnUser, 'day 0')).envelope);
    expect((await desk.openThread(threadId)).thread.retention).toBe('7d');
    clock.now += 3 * DAY;
    await desk.receive((await user.send(deskThreadOnUser, 'day 3')).envelope);
    clock.now += 5 * DAY;
    const opened = await desk.openThread(threadId);
    expect(opened.messages.map((m) => m.body)).toEqual(['day 3']);
    expect((await user.openThread(deskThreadOnUser)).messages.map((m) => m.body)).toEqual(['day 3']);
  });

  it('purgeExpired removes messages past a 1-day retention across threads', async () => {
    const { user, desk, deskThreadOnUser, deskRecords, clock } = await connectedPair(72);
    const { threadId } = await desk.receive((await user.send(deskThreadOnUser, 'a')).envelope);
    await desk.setRetention(threadId, '1d');
    await desk.receive((await user.send(deskThreadOnUser, 'b')).envelope);
    expect(await historyKeys(deskRecords)).toHaveLength(2);
    clock.now += DAY + 1;
    expect((await desk.purgeExpired()).removedMessages).toBe(2);
    expect(await historyKeys(deskRecords)).toHaveLength(0);
  });

  it('purges expired history on the first call after the service is re-created (app open), before anything else', async () => {
    const { user, desk, deskThreadOnUser, deskRecords, clock } = await connectedPair(76);
    await desk.receive((await user.send(deskThreadOnUser, 'old')).envelope);
    expect(await historyKeys(deskRecords)).toHaveLength(1);
    clock.now += 8 * DAY;
    const reopened = makeService('desk', deskRecords, clock, 77);
    await reopened.describeSelf();
    expect(await historyKeys(deskRecords)).toHaveLength(0);
  });

  it('keeps messages forever when asked', async () => {
    const { user, deskThreadOnUser, clock } = await connectedPair(73);
    await user.setRetention(deskThreadOnUser, 'forever');
    await user.send(deskThreadOnUser, 'keep');
    clock.now += 3650 * DAY;
    await user.purgeExpired();
    expect((await user.openThread(deskThreadOnUser)).messages.map((m) => m.body)).toEqual(['keep']);
  });

  it('with "none" stores no plaintext at all but still returns it for display, and switching to none erases what was kept', async () => {
    const { user, desk, deskThreadOnUser, userRecords } = await connectedPair(74);
    await user.send(deskThreadOnUser, 'kept for now');
    expect(await historyKeys(userRecords)).toHaveLength(1);
    await user.setRetention(deskThreadOnUser, 'none');
    expect(await historyKeys(userRecords)).toHaveLength(0);
    const sent = await user.send(deskThreadOnUser, 'never stored');
    expect(sent.message.body).toBe('never stored');
    const { threadId } = await desk.receive(sent.envelope);
    const reply = await desk.send(threadId, 'reply not stored');
    expect((await user.receive(reply.envelope)).message.body).toBe('reply not stored');
    expect(await historyKeys(userRecords)).toHaveLength(0);
    const everything = Buffer.concat([...userRecords.dump().values()].map((v) => Buffer.from(v)));
    for (const body of ['kept for now', 'never stored', 'reply not stored']) {
      expect(everything.includes(Buffer.from(body))).toBe(false);
    }
  });

  it('rejects an unknown retention value', async () => {
    const { user, deskThreadOnUser } = await connectedPair(75);
    await expect(user.setRetention(deskThreadOnUser, 'week' as never)).rejects.toThrow();
    expect(await rejectionCode(user.openThread('desk-missing'))).toBe('channel/thread-not-found');
  });
});
