import { describe, expect, it } from 'vitest';
import { connectedPair, copyRecordStore, makeService, rejectionCode } from './channelTestKit';

describe('forward secrecy against a seized device', () => {
  it('a copy of the user state taken after the conversation, with history "none", decrypts none of the envelopes an observer kept and holds no plaintext', async () => {
    const pair = await connectedPair(61);
    const { user, desk, deskThreadOnUser, userRecords, clock } = pair;
    await user.setRetention(deskThreadOnUser, 'none');
    const observed: Array<{ to: 'user' | 'desk'; envelope: string; body: string }> = [];
    let deskThread = '';
    for (let round = 0; round < 6; round += 1) {
      for (let k = 0; k <= round % 3; k += 1) {
        const body = `secret from user r${round} k${k} ${'к'.repeat(round)}`;
        const sent = await user.send(deskThreadOnUser, body);
        observed.push({ to: 'desk', envelope: sent.envelope, body });
        deskThread = (await desk.receive(sent.envelope)).threadId;
      }
      const body = `secret from desk r${round}`;
      const reply = await desk.send(deskThread, body);
      observed.push({ to: 'user', envelope: reply.envelope, body });
      expect((await user.receive(reply.envelope)).message.body).toBe(body);
      clock.now += 60_000;
    }

    // The seizure: everything in the user's vault, copied while unlocked.
    const seized = copyRecordStore(userRecords);
    const allStoredBytes = Buffer.concat([...seized.dump().values()].map((v) => Buffer.from(v)));
    for (const { body } of observed) {
      expect(allStoredBytes.includes(Buffer.from(body, 'utf8'))).toBe(false);
    }

    const forensic = makeService('user', seized, clock, 62);
    expect((await forensic.openThread(deskThreadOnUser)).messages).toEqual([]);
    const toUser = observed.filter((o) => o.to === 'user');
    expect(toUser.length).toBeGreaterThan(0);
    for (const { envelope } of toUser) {
      const code = await rejectionCode(forensic.receive(envelope));
      expect(['channel/duplicate', 'channel/tampered']).toContain(code);
    }
    // The user's own sent envelopes are addressed to the desk; the seized state cannot open them either.
    for (const { envelope } of observed.filter((o) => o.to === 'desk')) {
      expect(await rejectionCode(forensic.receive(envelope))).toBe('channel/not-for-me');
    }
  });

  it('the seized copy is still a working session: a message sent after the seizure would decrypt (so the test above is not vacuous)', async () => {
    const pair = await connectedPair(63);
    const { user, desk, deskThreadOnUser, userRecords, clock } = pair;
    await user.setRetention(deskThreadOnUser, 'none');
    const { threadId } = await desk.receive((await user.send(deskThreadOnUser, 'hello')).envelope);
    await user.receive((await desk.send(threadId, 'before')).envelope);
    const seized = copyRecordStore(userRecords);
    const after = await desk.send(threadId, 'after the seizure');
    const forensic = makeService('user', seized, clock, 64);
    expect((await forensic.receive(after.envelope)).message.body).toBe('after the seizure');
  });
});
