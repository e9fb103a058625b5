import { describe, expect, it } from 'vitest';
import { channelError } from '../../../../electron/services/signal/channelErrors';
import { DEFAULT_PREKEY_POLICY } from '../../../../electron/services/signal/deskPreKeys';
import { recordBackedEpochKeyFileForTests } from '../../../../electron/services/signal/epochKeyFile';
import {
  CommittedRefusal,
  createOperationRunner,
} from '../../../../electron/services/signal/operationRunner';
import { COLLECTIONS } from '../../../../electron/services/signal/recordCollections';
import { T0, lockableStore, rejectionCode, seededRandom, snapshot, stateKeys } from './channelTestKit';

function runnerOver(records: ReturnType<typeof lockableStore>): ReturnType<typeof createOperationRunner> {
  const rng = seededRandom(7);
  return createOperationRunner({
    records,
    epochKeyFile: recordBackedEpochKeyFileForTests(records),
    context: { role: 'user', random: (n) => rng.bytes(n), policy: DEFAULT_PREKEY_POLICY },
    clock: () => T0,
  });
}

const probeKey = `${COLLECTIONS.kyberUsed}\u0000probe`;

describe('the operation runner commits as its last step, and only there', () => {
  it('keeps nothing of an operation that throws, even what it wrote before throwing', async () => {
    const records = lockableStore();
    const run = runnerOver(records);
    await run(() => Promise.resolve(null));
    const before = snapshot(records);
    const refused = run(({ tx }) => {
      tx.write(COLLECTIONS.kyberUsed, 'probe', new Uint8Array([1]));
      return Promise.reject(channelError('channel/tampered'));
    });
    expect(await rejectionCode(refused)).toBe('channel/tampered');
    expect(snapshot(records)).toEqual(before);
    expect(await stateKeys(records)).not.toContain(probeKey);
  });

  it('commits the writes of a CommittedRefusal, then rejects with the refusal itself', async () => {
    const records = lockableStore();
    const run = runnerOver(records);
    await run(() => Promise.resolve(null));
    const refused = run(({ tx }) => {
      tx.write(COLLECTIONS.kyberUsed, 'probe', new Uint8Array([1]));
      return Promise.reject(
        new CommittedRefusal(channelError('channel/identity-changed', { threadId: 'x' })),
      );
    });
    expect(await rejectionCode(refused)).toBe('channel/identity-changed');
    expect(await stateKeys(records)).toContain(probeKey);
  });
});
