import { randomBytes } from 'node:crypto';
import { DEFAULT_PREKEY_POLICY, buildChannelBundle, rotatePreKeysIfDue } from './deskPreKeys';
import type { ChannelService, ChannelServiceOptions } from './channelServiceTypes';
import { purgeAllHistory } from './historyPurge';
import { receiveMessage } from './messageReceive';
import { sendMessage } from './messageSend';
import { createOperationRunner, requireRole } from './operationRunner';
import type { ChannelContext } from './operationRunner';
import { markVerified, safetyNumberFor } from './safetyVerification';
import { startSession } from './sessionStart';
import { listThreads, openThread, setRetention } from './threadOperations';
import { requireThread } from './threadStore';

export type {
  ChannelService,
  ChannelServiceOptions,
  ReceivedMessage,
  SentMessage,
} from './channelServiceTypes';
export type { PreKeyPolicy } from './deskPreKeys';
export type { EpochKeyFile } from './epochKeyFile';
export { inPlaceEpochKeyFile } from './epochKeyFile';
export { EPOCH_COPY_BYTES } from './channelState';
// For the IPC layer (e.g. to tell a pasted envelope from other text); format: docs/channel-envelope.md.
export { parseArmoredEnvelope, ARMOR_BEGIN, ARMOR_END } from './envelopeCodec';

/** The channel facade: each method is one operation (its own module) run by operationRunner.ts. */
export function createChannelService(options: ChannelServiceOptions): ChannelService {
  const { records, role, epochKeyFile } = options;
  const clock = options.clock ?? (() => Date.now());
  const context: ChannelContext = {
    role,
    random: options.random ?? ((length: number) => new Uint8Array(randomBytes(length))),
    policy: { ...DEFAULT_PREKEY_POLICY, ...options.preKeyPolicy },
    logger: options.logger,
  };
  const { policy } = context;
  const run = createOperationRunner({ records, epochKeyFile, context, clock });

  return {
    role,
    describeSelf: () =>
      run(async ({ identity }) =>
        Promise.resolve({
          role: identity.role,
          address: identity.address,
          registrationId: identity.registrationId,
        }),
      ),
    exportBundle: () =>
      run(async ({ tx, identity, now }) => {
        requireRole(context, 'desk');
        const { current } = await rotatePreKeysIfDue(tx, identity, now, policy);
        return buildChannelBundle(tx, identity, current, policy);
      }),
    rotatePreKeysIfDue: () =>
      run(async ({ tx, identity, now }) => {
        requireRole(context, 'desk');
        const { rotated, pruned } = await rotatePreKeysIfDue(tx, identity, now, policy);
        return { rotated, prunedGenerations: pruned };
      }),
    startSession: (bundle) => run((scope) => startSession(scope, bundle)),
    send: (threadId, body) => run((scope) => sendMessage(scope, threadId, body)),
    receive: (armoredEnvelope) => run((scope) => receiveMessage(scope, armoredEnvelope)),
    listThreads: () => run(listThreads),
    openThread: (threadId) => run((scope) => openThread(scope, threadId)),
    setRetention: (threadId, retention) => run((scope) => setRetention(scope, threadId, retention)),
    safetyNumber: (threadId) =>
      run(async (scope) => safetyNumberFor(scope, await requireThread(scope.tx, threadId))),
    markVerified: (threadId, displayedDigits) =>
      run((scope) => markVerified(scope, threadId, displayedDigits)),
    purgeExpired: (at) =>
      run(async ({ tx, identity, now }) => {
        const removedMessages = await purgeAllHistory(tx, now);
        if (role === 'desk') {
          await rotatePreKeysIfDue(tx, identity, now, policy);
        }
        return { removedMessages };
      }, at ?? clock()),
  };
}
