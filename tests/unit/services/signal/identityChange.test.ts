import { describe, expect, it } from 'vitest';
import { lockableStore, makeService, rejectionCode, snapshot, testClock } from './channelTestKit';

describe('a changed identity key for a known desk', () => {
  it('blocks sending until the new safety number is marked verified, then talks to the new key', async () => {
    const clock = testClock();
    const oldDesk = makeService('desk', lockableStore(), clock, 81);
    const userRecords = lockableStore();
    const user = makeService('user', userRecords, clock, 82);
    const thread = await user.startSession(await oldDesk.exportBundle());
    const before = await user.safetyNumber(thread.threadId);
    await user.markVerified(thread.threadId, before.digits);
    await oldDesk.receive((await user.send(thread.threadId, 'hello')).envelope);

    // The same desk address re-created with a new identity key (seed => same address).
    const newDesk = makeService('desk', lockableStore(), clock, 81);
    expect((await newDesk.describeSelf()).address).toBe(thread.threadId);
    expect(await rejectionCode(user.startSession(await newDesk.exportBundle()))).toBe(
      'channel/identity-changed',
    );

    const sessionsBefore = [...snapshot(userRecords)].filter(
      ([k]) => k.startsWith('signal-sessions') || k.startsWith('signal-identities'),
    );
    expect(await rejectionCode(user.send(thread.threadId, 'blocked'))).toBe('channel/identity-changed');
    const sessionsAfter = [...snapshot(userRecords)].filter(
      ([k]) => k.startsWith('signal-sessions') || k.startsWith('signal-identities'),
    );
    expect(sessionsAfter).toEqual(sessionsBefore);

    const changed = await user.safetyNumber(thread.threadId);
    expect(changed.identityChanged).toBe(true);
    expect(changed.digits).not.toBe(before.digits);
    expect((await user.listThreads())[0]?.identityChanged).toBe(true);
    expect(await rejectionCode(user.markVerified(thread.threadId, before.digits))).toBe(
      'channel/safety-number-mismatch',
    );

    const accepted = await user.markVerified(thread.threadId, changed.digits);
    expect(accepted.identityChanged).toBe(false);
    const sent = await user.send(thread.threadId, 'to the new key');
    expect((await newDesk.receive(sent.envelope)).message.body).toBe('to the new key');
    expect(await rejectionCode(oldDesk.receive(sent.envelope))).not.toBe('');
  });
});
