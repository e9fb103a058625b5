import { IdentityKeyPair } from '@signalapp/libsignal-client';
import { describe, expect, it } from 'vitest';
import type { ChannelBundle } from '../../../../shared/channel/bundleSchema';
import { lockableStore, makeService, rejectionCode, snapshot, testClock } from './channelTestKit';

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/**
 * The desk's card re-issued under a new identity key that signs a signed pre-key libsignal will
 * not start a session from (the all-zero Curve25519 point, a degenerate key): every signature in
 * the bundle verifies, so only libsignal itself can tell.
 */
function reissuedWithDegeneratePreKey(bundle: ChannelBundle): ChannelBundle {
  const identity = IdentityKeyPair.generate();
  const degenerate = new Uint8Array(33);
  degenerate[0] = 0x05;
  const kyber = Buffer.from(bundle.kyberPreKey.publicKey, 'base64');
  return {
    ...bundle,
    identityKey: b64(identity.publicKey.serialize()),
    signedPreKey: {
      ...bundle.signedPreKey,
      publicKey: b64(degenerate),
      signature: b64(identity.privateKey.sign(degenerate)),
    },
    kyberPreKey: { ...bundle.kyberPreKey, signature: b64(identity.privateKey.sign(kyber)) },
  };
}

describe('startSession validates everything before anything is kept', () => {
  it('refuses a re-issued card whose pre-key libsignal rejects, keeps no offer, and the old session still sends', async () => {
    const clock = testClock();
    const oldDesk = makeService('desk', lockableStore(), clock, 91);
    const userRecords = lockableStore();
    const user = makeService('user', userRecords, clock, 92);
    const thread = await user.startSession(await oldDesk.exportBundle());
    await oldDesk.receive((await user.send(thread.threadId, 'hello')).envelope);
    // Same seed, same address: the card of the same desk, re-issued.
    const reissued = reissuedWithDegeneratePreKey(
      await makeService('desk', lockableStore(), clock, 91).exportBundle(),
    );
    expect(reissued.address).toBe(thread.threadId);

    const before = snapshot(userRecords);
    expect(await rejectionCode(user.startSession(reissued))).toBe('channel/bundle-bad-signature');
    expect(snapshot(userRecords)).toEqual(before);

    expect((await user.safetyNumber(thread.threadId)).identityChanged).toBe(false);
    const sent = await user.send(thread.threadId, 'still here');
    expect((await oldDesk.receive(sent.envelope)).message.body).toBe('still here');
  });

  it('refuses a bundle whose pre-key ids do not fit libsignal as malformed, keeping nothing', async () => {
    const clock = testClock();
    const bundle = await makeService('desk', lockableStore(), clock, 93).exportBundle();
    const userRecords = lockableStore();
    const user = makeService('user', userRecords, clock, 94);
    await user.describeSelf();
    const before = snapshot(userRecords);
    // The ids are not covered by the pre-key signatures; libsignal takes them as 32-bit.
    const oversized = [
      { ...bundle, signedPreKey: { ...bundle.signedPreKey, id: 2 ** 32 } },
      { ...bundle, kyberPreKey: { ...bundle.kyberPreKey, id: 2 ** 32 } },
    ];
    for (const forged of oversized) {
      expect(await rejectionCode(user.startSession(forged))).toBe('channel/bundle-malformed');
    }
    expect(snapshot(userRecords)).toEqual(before);
    expect(await user.listThreads()).toEqual([]);
  });
});
