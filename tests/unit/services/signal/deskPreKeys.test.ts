import { describe, expect, it } from 'vitest';
import { DAY, lockableStore, makeService, rejectionCode, stateKeys, testClock } from './channelTestKit';

describe('desk pre-key rotation', () => {
  it('a user session never acknowledged by the desk expires after 30 days and is re-made from the card', async () => {
    const clock = testClock();
    const desk = makeService('desk', lockableStore(), clock, 96);
    const user = makeService('user', lockableStore(), clock, 97);
    const thread = await user.startSession(await desk.exportBundle());
    clock.now += 31 * DAY;
    expect(await rejectionCode(user.send(thread.threadId, 'x'))).toBe('channel/no-session');
    await user.startSession(await desk.exportBundle());
    expect((await desk.receive((await user.send(thread.threadId, 'again')).envelope)).message.body).toBe(
      'again',
    );
  });

  it('keeps the same bundle until the rotation period, then issues new pre-keys signed by the same identity', async () => {
    const clock = testClock();
    const desk = makeService('desk', lockableStore(), clock, 91);
    const first = await desk.exportBundle();
    clock.now += 10 * DAY;
    expect(await desk.exportBundle()).toEqual(first);
    clock.now += 21 * DAY;
    const second = await desk.exportBundle();
    expect(second.identityKey).toBe(first.identityKey);
    expect(second.signedPreKey.id).not.toBe(first.signedPreKey.id);
    expect(second.kyberPreKey.publicKey).not.toBe(first.kyberPreKey.publicKey);
    expect(Date.parse(second.expiresAt) - Date.parse(second.issuedAt)).toBe(60 * DAY);
  });

  it('still decrypts a first message made from the previous bundle during the grace period', async () => {
    const clock = testClock();
    const desk = makeService('desk', lockableStore(), clock, 92);
    const user = makeService('user', lockableStore(), clock, 93);
    const oldBundle = await desk.exportBundle();
    clock.now += 25 * DAY;
    const thread = await user.startSession(oldBundle);
    clock.now += 6 * DAY;
    expect((await desk.rotatePreKeysIfDue()).rotated).toBe(true);
    clock.now += 4 * DAY;
    const first = await user.send(thread.threadId, 'from the old card');
    expect(first.envelope).toBeTruthy();
    expect((await desk.receive(first.envelope)).message.body).toBe('from the old card');
  });

  it('deletes the secrets of a generation past its grace and refuses first messages made from it', async () => {
    const clock = testClock();
    const deskRecords = lockableStore();
    const desk = makeService('desk', deskRecords, clock, 94);
    const user = makeService('user', lockableStore(), clock, 95);
    const oldBundle = await desk.exportBundle();
    const thread = await user.startSession(oldBundle);
    const first = await user.send(thread.threadId, 'too late');
    clock.now += 30 * DAY;
    await desk.rotatePreKeysIfDue();
    clock.now += 30 * DAY + 1;
    expect((await desk.rotatePreKeysIfDue()).prunedGenerations).toBe(1);
    const keys = await stateKeys(deskRecords);
    expect(keys).toContain(`signal-local\u0000prekey-schedule`);
    expect(keys).not.toContain(`signal-signed-prekeys\u0000${oldBundle.signedPreKey.id}`);
    expect(keys).not.toContain(`signal-kyber-prekeys\u0000${oldBundle.kyberPreKey.id}`);
    expect(await rejectionCode(desk.receive(first.envelope))).toBe('channel/stale-prekey');
  });
});
