import { IdentityKeyPair } from '@signalapp/libsignal-client';
import { describe, expect, it } from 'vitest';
import {
  dearmorEnvelopeBytes,
  armorEnvelopeBytes,
  encodeArmoredEnvelope,
  parseArmoredEnvelope,
} from '../../../../electron/services/signal/envelopeCodec';
import type { ChannelEnvelope } from '../../../../electron/services/signal/envelopeCodec';
import {
  connectedPair,
  DAY,
  editState,
  lockableStore,
  makeService,
  rejectionCode,
  seededRandom,
  snapshot,
  testClock,
} from './channelTestKit';
import type { Pair } from './channelTestKit';

function rewrite(armored: string, change: (e: ChannelEnvelope) => ChannelEnvelope): string {
  return encodeArmoredEnvelope(change(parseArmoredEnvelope(armored)));
}

function flipByte(bytes: Uint8Array, index: number): Uint8Array {
  const out = bytes.slice();
  out[index] = (out[index] ?? 0) ^ 0x01;
  return out;
}

/** Delivers `input` to `service`, asserts the code, and that the store did not change by one byte. */
async function expectRejectedWithoutStateChange(
  records: { dump(): Map<string, Uint8Array> },
  attempt: () => Promise<unknown>,
  code: string,
): Promise<void> {
  const before = snapshot(records);
  expect(await rejectionCode(attempt())).toBe(code);
  expect(snapshot(records)).toEqual(before);
}

/** A pair where the desk has received the first message and the user has the reply. */
async function establishedPair(): Promise<Pair & { deskThread: string }> {
  const pair = await connectedPair(11);
  const first = await pair.user.send(pair.deskThreadOnUser, 'first');
  const { threadId } = await pair.desk.receive(first.envelope);
  await pair.user.receive((await pair.desk.send(threadId, 'reply')).envelope);
  return { ...pair, deskThread: threadId };
}

describe('attacks on the channel are refused with a specific code and no state change', () => {
  it('refuses a whisper envelope with one ciphertext byte flipped, then accepts the original', async () => {
    const { user, desk, deskRecords, deskThreadOnUser } = await establishedPair();
    const sent = await user.send(deskThreadOnUser, 'tamper me');
    for (const index of [0, 5, 40, -1]) {
      const forged = rewrite(sent.envelope, (e) => ({
        ...e,
        ciphertext: flipByte(e.ciphertext, index < 0 ? e.ciphertext.length + index : index),
      }));
      await expectRejectedWithoutStateChange(deskRecords, () => desk.receive(forged), 'channel/tampered');
    }
    expect((await desk.receive(sent.envelope)).message.body).toBe('tamper me');
  });

  it('refuses a first (pre-key) envelope with a flipped byte and creates no thread', async () => {
    const { user, desk, deskRecords, deskThreadOnUser } = await connectedPair(12);
    const sent = await user.send(deskThreadOnUser, 'first');
    const forged = rewrite(sent.envelope, (e) => ({
      ...e,
      ciphertext: flipByte(e.ciphertext, e.ciphertext.length - 10),
    }));
    await expectRejectedWithoutStateChange(deskRecords, () => desk.receive(forged), 'channel/tampered');
    expect(await desk.listThreads()).toHaveLength(0);
    expect((await desk.receive(sent.envelope)).newThread).toBe(true);
  });

  it('refuses an armored envelope cut short', async () => {
    const { user, desk, deskRecords, deskThreadOnUser } = await establishedPair();
    const sent = await user.send(deskThreadOnUser, 'cut');
    const lines = sent.envelope.trim().split('\n');
    const cut = [...lines.slice(0, 3), lines[lines.length - 1]].join('\n');
    await expectRejectedWithoutStateChange(
      deskRecords,
      () => desk.receive(cut),
      'channel/envelope-malformed',
    );
    await expectRejectedWithoutStateChange(
      deskRecords,
      () => desk.receive(sent.envelope.slice(0, 200)),
      'channel/envelope-malformed',
    );
  });

  it('refuses an envelope whose libsignal ciphertext was truncated consistently with its length field', async () => {
    const { user, desk, deskRecords, deskThreadOnUser } = await establishedPair();
    const sent = await user.send(deskThreadOnUser, 'cut');
    const forged = rewrite(sent.envelope, (e) => ({
      ...e,
      ciphertext: e.ciphertext.slice(0, e.ciphertext.length - 9),
    }));
    await expectRejectedWithoutStateChange(deskRecords, () => desk.receive(forged), 'channel/tampered');
  });

  it('refuses a replayed whisper envelope on both sides', async () => {
    const { user, desk, userRecords, deskRecords, deskThreadOnUser, deskThread } = await establishedPair();
    const toDesk = await user.send(deskThreadOnUser, 'once');
    await desk.receive(toDesk.envelope);
    await expectRejectedWithoutStateChange(
      deskRecords,
      () => desk.receive(toDesk.envelope),
      'channel/duplicate',
    );
    const toUser = await desk.send(deskThread, 'once back');
    await user.receive(toUser.envelope);
    await expectRejectedWithoutStateChange(
      userRecords,
      () => user.receive(toUser.envelope),
      'channel/duplicate',
    );
  });

  it('refuses a replay whose envelope id was changed to dodge the seen-list (libsignal catches it)', async () => {
    const { user, desk, deskRecords, deskThreadOnUser } = await establishedPair();
    const sent = await user.send(deskThreadOnUser, 'once');
    await desk.receive(sent.envelope);
    const relabelled = rewrite(sent.envelope, (e) => ({ ...e, envelopeId: flipByte(e.envelopeId, 0) }));
    await expectRejectedWithoutStateChange(deskRecords, () => desk.receive(relabelled), 'channel/duplicate');
  });

  it('refuses a replayed first message', async () => {
    const { user, desk, deskRecords, deskThreadOnUser } = await connectedPair(13);
    const first = await user.send(deskThreadOnUser, 'first');
    await desk.receive(first.envelope);
    await expectRejectedWithoutStateChange(
      deskRecords,
      () => desk.receive(first.envelope),
      'channel/duplicate',
    );
  });

  it('refuses a first message replayed after the desk lost the session (last-resort Kyber key reuse)', async () => {
    const { user, desk, deskRecords, deskThreadOnUser } = await connectedPair(14);
    const first = await user.send(deskThreadOnUser, 'first');
    const { threadId } = await desk.receive(first.envelope);
    // Remove the session and the seen-list as if they had been evicted; the replay must still fail.
    let evicted = 0;
    await editState(deskRecords, (entries) => {
      for (const key of [...entries.keys()]) {
        if (key.startsWith('signal-sessions\u0000') || key.startsWith('signal-seen-at\u0000')) {
          entries.delete(key);
          evicted += 1;
        }
      }
    });
    expect(evicted).toBe(2);
    expect(threadId).toBeTruthy();
    await expectRejectedWithoutStateChange(
      deskRecords,
      () => desk.receive(first.envelope),
      'channel/duplicate',
    );
  });

  it('refuses a whisper envelope from an address the desk has never heard from', async () => {
    const { user, desk, deskRecords, deskThreadOnUser } = await establishedPair();
    const sent = await user.send(deskThreadOnUser, 'who am i');
    const stranger = rewrite(sent.envelope, (e) => ({
      ...e,
      senderAddress: 'user-000000000000000000000000',
    }));
    await expectRejectedWithoutStateChange(
      deskRecords,
      () => desk.receive(stranger),
      'channel/unknown-sender',
    );
  });

  it('refuses any first message sent to a user, who publishes no pre-keys', async () => {
    const clock = testClock();
    const desk = makeService('desk', lockableStore(), clock, 21);
    const userRecords = lockableStore();
    const user = makeService('user', userRecords, clock, 22);
    const other = makeService('user', lockableStore(), clock, 23);
    const otherThread = await other.startSession(await desk.exportBundle());
    const me = await user.describeSelf();
    const sent = await other.send(otherThread.threadId, 'hi');
    const redirected = rewrite(sent.envelope, (e) => ({ ...e, recipientAddress: me.address }));
    await expectRejectedWithoutStateChange(
      userRecords,
      () => user.receive(redirected),
      'channel/unknown-sender',
    );
  });

  it('refuses an envelope addressed to someone else', async () => {
    const { user, desk, deskRecords, deskThreadOnUser } = await establishedPair();
    const sent = await user.send(deskThreadOnUser, 'x');
    const elsewhere = rewrite(sent.envelope, (e) => ({ ...e, recipientAddress: 'desk-someone-else' }));
    await expectRejectedWithoutStateChange(deskRecords, () => desk.receive(elsewhere), 'channel/not-for-me');
  });

  it('refuses a first message whose header declares a different identity key than the signed message', async () => {
    const { user, desk, deskRecords, deskThreadOnUser } = await connectedPair(15);
    const sent = await user.send(deskThreadOnUser, 'x');
    const otherKey = IdentityKeyPair.generate().publicKey.serialize();
    const forged = rewrite(sent.envelope, (e) => ({ ...e, senderIdentityKey: otherKey }));
    await expectRejectedWithoutStateChange(deskRecords, () => desk.receive(forged), 'channel/tampered');
    expect((await desk.receive(sent.envelope)).message.body).toBe('x');
  });

  it('refuses a header re-labelled with another envelope id before first delivery, then accepts the original', async () => {
    const { user, desk, deskRecords, deskThreadOnUser } = await establishedPair();
    const sent = await user.send(deskThreadOnUser, 'label');
    const relabelled = rewrite(sent.envelope, (e) => ({ ...e, envelopeId: flipByte(e.envelopeId, 3) }));
    await expectRejectedWithoutStateChange(deskRecords, () => desk.receive(relabelled), 'channel/tampered');
    expect((await desk.receive(sent.envelope)).message.body).toBe('label');
  });

  it('refuses a first message from someone claiming a known address with another identity key', async () => {
    const clock = testClock();
    const deskRecords = lockableStore();
    const desk = makeService('desk', deskRecords, clock, 31);
    const bundle = await desk.exportBundle();
    const victim = makeService('user', lockableStore(), clock, 32);
    // Same seed for identity creation: same address and registration id, but libsignal draws a
    // fresh identity key. Then other random bytes, so envelope ids differ from the victim's.
    let source = seededRandom(32);
    const impostor = makeService('user', lockableStore(), clock, 0, { random: (n) => source.bytes(n) });
    await impostor.describeSelf();
    source = seededRandom(999);
    expect((await impostor.describeSelf()).address).toBe((await victim.describeSelf()).address);
    await desk.receive((await victim.send((await victim.startSession(bundle)).threadId, 'real')).envelope);
    const forged = await impostor.send((await impostor.startSession(bundle)).threadId, 'fake');
    await expectRejectedWithoutStateChange(
      deskRecords,
      () => desk.receive(forged.envelope),
      'channel/identity-changed',
    );
  });

  it('refuses a first message made from a pre-key past its grace period', async () => {
    const clock = testClock();
    const deskRecords = lockableStore();
    const desk = makeService('desk', deskRecords, clock, 41);
    const user = makeService('user', lockableStore(), clock, 42);
    const thread = await user.startSession(await desk.exportBundle());
    const first = await user.send(thread.threadId, 'late');
    clock.now += 31 * DAY;
    await desk.rotatePreKeysIfDue();
    clock.now += 31 * DAY;
    await expectRejectedWithoutStateChange(
      deskRecords,
      () => desk.receive(first.envelope),
      'channel/stale-prekey',
    );
    await desk.rotatePreKeysIfDue();
    await expectRejectedWithoutStateChange(
      deskRecords,
      () => desk.receive(first.envelope),
      'channel/stale-prekey',
    );
  });

  it('refuses a bundle whose signed or Kyber pre-key signature does not verify, without touching user state', async () => {
    const clock = testClock();
    const desk = makeService('desk', lockableStore(), clock, 51);
    const bundle = await desk.exportBundle();
    const otherBundle = await makeService('desk', lockableStore(), clock, 52).exportBundle();
    const userRecords = lockableStore();
    const user = makeService('user', userRecords, clock, 53);
    await user.describeSelf();
    const flipSig = (sig: string): string => {
      const bytes = Buffer.from(sig, 'base64');
      bytes[10] = (bytes[10] ?? 0) ^ 1;
      return bytes.toString('base64');
    };
    const forgeries = [
      {
        ...bundle,
        signedPreKey: { ...bundle.signedPreKey, signature: flipSig(bundle.signedPreKey.signature) },
      },
      { ...bundle, kyberPreKey: { ...bundle.kyberPreKey, signature: flipSig(bundle.kyberPreKey.signature) } },
      { ...bundle, signedPreKey: otherBundle.signedPreKey },
      { ...bundle, kyberPreKey: otherBundle.kyberPreKey },
      { ...bundle, identityKey: otherBundle.identityKey },
    ];
    for (const forged of forgeries) {
      await expectRejectedWithoutStateChange(
        userRecords,
        () => user.startSession(forged),
        'channel/bundle-bad-signature',
      );
    }
    await expectRejectedWithoutStateChange(
      userRecords,
      () => user.startSession({ ...bundle, extra: 1 }),
      'channel/bundle-malformed',
    );
    await expectRejectedWithoutStateChange(
      userRecords,
      () => user.startSession({ ...bundle, identityKey: 'AAAA' }),
      'channel/bundle-malformed',
    );
  });

  it('refuses malformed envelopes of every shape without touching state', async () => {
    const { user, desk, deskRecords, deskThreadOnUser } = await establishedPair();
    const sent = await user.send(deskThreadOnUser, 'x');
    const bytes = dearmorEnvelopeBytes(sent.envelope);
    const wrongVersion = bytes.slice();
    wrongVersion[0] = 2;
    const trailing = new Uint8Array([...bytes, 0]);
    const cases: Array<[string, string]> = [
      ['', 'channel/envelope-malformed'],
      ['hello', 'channel/envelope-malformed'],
      [sent.envelope.replace('BEGIN MESSAGE', 'BEGIN PGP MESSAGE'), 'channel/envelope-malformed'],
      [`note\n${sent.envelope}`, 'channel/envelope-malformed'],
      [armorEnvelopeBytes(wrongVersion), 'channel/envelope-version-unsupported'],
      [armorEnvelopeBytes(trailing), 'channel/envelope-malformed'],
      ['x'.repeat(70 * 1024), 'channel/envelope-too-large'],
    ];
    for (const [input, code] of cases) {
      await expectRejectedWithoutStateChange(deskRecords, () => desk.receive(input), code);
    }
    expect((await desk.receive(sent.envelope)).message.body).toBe('x');
  });
});

describe('delivery order', () => {
  it('decrypts messages delivered in reverse and shuffled order, each exactly once', async () => {
    const { user, desk, deskThreadOnUser, deskThread } = await establishedPair();
    const toDesk = [];
    for (let i = 0; i < 20; i += 1) {
      toDesk.push(await user.send(deskThreadOnUser, `m${i}`));
    }
    const order = [...toDesk].reverse();
    const bodies = [];
    for (const s of order) {
      bodies.push((await desk.receive(s.envelope)).message.body);
    }
    expect(bodies).toEqual(order.map((s) => s.message.body));
    for (const s of toDesk) {
      expect(await rejectionCode(desk.receive(s.envelope))).toBe('channel/duplicate');
    }
    const back = [
      await desk.send(deskThread, 'a'),
      await desk.send(deskThread, 'b'),
      await desk.send(deskThread, 'c'),
    ];
    expect((await user.receive(back[2]!.envelope)).message.body).toBe('c');
    expect((await user.receive(back[0]!.envelope)).message.body).toBe('a');
    expect((await user.receive(back[1]!.envelope)).message.body).toBe('b');
  });
});
