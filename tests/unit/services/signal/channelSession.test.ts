import { describe, expect, it } from 'vitest';
import { connectedPair, DAY, lockableStore, makeService, rejectionCode, testClock } from './channelTestKit';

describe('channel session between a user and a desk', () => {
  it('delivers the first message as a pre-key envelope and replies as whisper envelopes', async () => {
    const { desk, user, deskThreadOnUser } = await connectedPair();
    const first = await user.send(deskThreadOnUser, 'Привіт, мені потрібна допомога юриста');
    expect(first.envelope).toMatch(/^-----BEGIN MESSAGE-----\n/);
    const atDesk = await desk.receive(first.envelope);
    expect(atDesk.newThread).toBe(true);
    expect(atDesk.message.body).toBe('Привіт, мені потрібна допомога юриста');
    const reply = await desk.send(atDesk.threadId, 'Мы на связи.');
    const atUser = await user.receive(reply.envelope);
    expect(atUser.threadId).toBe(deskThreadOnUser);
    expect(atUser.message.body).toBe('Мы на связи.');
    const second = await user.send(deskThreadOnUser, 'спасибо');
    expect((await desk.receive(second.envelope)).newThread).toBe(false);
  });

  it('gives both sides the same 60-digit safety number in 12 groups of five', async () => {
    const { desk, user, deskThreadOnUser } = await connectedPair();
    const first = await user.send(deskThreadOnUser, 'hi');
    const { threadId } = await desk.receive(first.envelope);
    const onUser = await user.safetyNumber(deskThreadOnUser);
    const onDesk = await desk.safetyNumber(threadId);
    expect(onUser.digits).toMatch(/^\d{60}$/);
    expect(onUser.digits).toBe(onDesk.digits);
    expect(onUser.groups).toHaveLength(12);
    expect(onUser.groups.join('')).toBe(onUser.digits);
    expect(Buffer.from(onUser.scannable, 'base64').length).toBeGreaterThan(30);
    expect(onUser.verified).toBe(false);
  });

  it('marks a thread verified only when the displayed digits match', async () => {
    const { user, deskThreadOnUser } = await connectedPair();
    const number = await user.safetyNumber(deskThreadOnUser);
    const wrong = number.digits.replace(/^\d/, (d) => String((Number(d) + 1) % 10));
    expect(await rejectionCode(user.markVerified(deskThreadOnUser, wrong))).toBe(
      'channel/safety-number-mismatch',
    );
    const verified = await user.markVerified(deskThreadOnUser, number.groups.join(' '));
    expect(verified.verified).toBe(true);
  });

  it('keeps working after the services are re-created over the same record stores', async () => {
    const pair = await connectedPair();
    const first = await pair.user.send(pair.deskThreadOnUser, 'one');
    const { threadId } = await pair.desk.receive(first.envelope);
    const desk2 = makeService('desk', pair.deskRecords, pair.clock, 77);
    const user2 = makeService('user', pair.userRecords, pair.clock, 78);
    const reply = await desk2.send(threadId, 'two');
    expect((await user2.receive(reply.envelope)).message.body).toBe('two');
  });

  it('refuses to open a store made for the other role', async () => {
    const records = lockableStore();
    const clock = testClock();
    await makeService('desk', records, clock, 1).exportBundle();
    expect(await rejectionCode(makeService('user', records, clock, 2).listThreads())).toBe(
      'channel/wrong-role',
    );
  });

  it('does not let a user export a bundle or a desk start a session', async () => {
    const { desk, user } = await connectedPair();
    expect(await rejectionCode(user.exportBundle())).toBe('channel/wrong-role');
    expect(await rejectionCode(desk.startSession(await desk.exportBundle()))).toBe('channel/wrong-role');
  });

  it('refuses to send into a thread that does not exist', async () => {
    const { user } = await connectedPair();
    expect(await rejectionCode(user.send('desk-nope', 'x'))).toBe('channel/thread-not-found');
  });

  it('refuses a message body above the size cap', async () => {
    const { user, deskThreadOnUser } = await connectedPair();
    expect(await rejectionCode(user.send(deskThreadOnUser, 'x'.repeat(33 * 1024)))).toBe(
      'channel/message-too-large',
    );
  });

  it('keeps one thread per person on the desk', async () => {
    const clock = testClock();
    const desk = makeService('desk', lockableStore(), clock, 5);
    const bundle = await desk.exportBundle();
    const users = [1, 2, 3].map((n) => makeService('user', lockableStore(), clock, 100 + n));
    for (const u of users) {
      const t = await u.startSession(bundle);
      await desk.receive((await u.send(t.threadId, 'hello')).envelope);
      await desk.receive((await u.send(t.threadId, 'again')).envelope);
    }
    const threads = await desk.listThreads();
    expect(threads).toHaveLength(3);
    expect(new Set(threads.map((t) => t.threadId)).size).toBe(3);
  });

  it('rejects a bundle past its expiry', async () => {
    const clock = testClock();
    const desk = makeService('desk', lockableStore(), clock, 5);
    const bundle = await desk.exportBundle();
    clock.now += 61 * DAY;
    const user = makeService('user', lockableStore(), clock, 6);
    expect(await rejectionCode(user.startSession(bundle))).toBe('channel/bundle-expired');
  });
});
