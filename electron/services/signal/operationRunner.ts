import { ProtocolAddress } from '@signalapp/libsignal-client';
import type { PublicKey } from '@signalapp/libsignal-client';
import type { ChannelRole } from '../../../shared/channel/channelTypes';
import type { TikhoError } from '../../../shared/errors';
import type { EncryptedRecordStore } from '../vault';
import type { WarnLogger } from '../log';
import { channelError } from './channelErrors';
import type { RejectionSlot } from './channelErrors';
import { openChannelState } from './channelState';
import type { PreKeyPolicy } from './deskPreKeys';
import type { EpochKeyFile } from './epochKeyFile';
import { purgeAllHistory } from './historyPurge';
import { loadOrCreateLocalIdentity } from './localIdentity';
import type { LocalIdentity } from './localIdentity';
import { createOperationQueue } from './operationQueue';
import { createProtocolStores } from './protocolStores';
import type { ProtocolStores } from './protocolStores';
import { beginRecordTransaction } from './recordTransaction';
import type { RecordTransaction } from './recordTransaction';

/** What every operation of one service instance shares; nothing secret. */
export interface ChannelContext {
  role: ChannelRole;
  random: (length: number) => Uint8Array;
  policy: PreKeyPolicy;
  logger?: WarnLogger;
}

/** One operation's view: its transaction, the local identity, the time it runs at. */
export interface OperationScope {
  context: ChannelContext;
  tx: RecordTransaction;
  identity: LocalIdentity;
  now: number;
  localAddress: ProtocolAddress;
  /** libsignal stores over `tx`; a refusing callback records its reason in `slot`. */
  stores(slot: RejectionSlot, expectedRemoteIdentity?: PublicKey | null): ProtocolStores;
}

export type Operation<T> = (scope: OperationScope) => Promise<T>;

/**
 * Thrown by an operation that refuses but whose writes must still be kept (a re-issued card's
 * offer, remembered so the person can compare the new safety number). The runner commits and
 * only then throws `refusal`; an operation never commits on its own.
 */
export class CommittedRefusal extends Error {
  constructor(readonly refusal: TikhoError) {
    super(refusal.code);
  }
}

export interface OperationRunnerOptions {
  records: EncryptedRecordStore;
  epochKeyFile: EpochKeyFile;
  context: ChannelContext;
  clock: () => number;
}

/**
 * Every public method runs here: one at a time, inside one record transaction that reaches
 * the vault only if the operation returns (or refuses with CommittedRefusal), and the commit
 * is the last step. Nothing secret is cached between operations, so a locked vault means a
 * locked channel.
 */
export function createOperationRunner(
  options: OperationRunnerOptions,
): <T>(operation: Operation<T>, now?: number) => Promise<T> {
  const { records, epochKeyFile, context, clock } = options;
  const enqueue = createOperationQueue();
  /** Set once an operation of this instance (the "open") has committed its purge of expired history. */
  let purgedOnOpen = false;

  return <T>(operation: Operation<T>, now = clock()): Promise<T> =>
    enqueue(async () => {
      const state = await openChannelState(records, epochKeyFile);
      const tx = beginRecordTransaction(
        state.entries,
        (next, history) => state.commit(next, history),
        state.legacy,
        state.history,
      );
      const identity = await loadOrCreateLocalIdentity(tx, context.role, context.random, now);
      const purgesNow = !purgedOnOpen;
      if (purgesNow) {
        await purgeAllHistory(tx, now);
      }
      const scope: OperationScope = {
        context,
        tx,
        identity,
        now,
        localAddress: ProtocolAddress.new(identity.address, identity.deviceId),
        stores: (slot, expectedRemoteIdentity = null) =>
          createProtocolStores({
            tx,
            identity,
            rejection: slot,
            now,
            policy: context.policy,
            expectedRemoteIdentity,
          }),
      };
      const commit = async (): Promise<void> => {
        await tx.commit();
        purgedOnOpen ||= purgesNow;
      };
      let result: T;
      try {
        result = await operation(scope);
      } catch (error) {
        if (!(error instanceof CommittedRefusal)) {
          throw error;
        }
        await commit();
        throw error.refusal;
      }
      await commit();
      return result;
    });
}

export function requireRole(context: ChannelContext, expected: ChannelRole): void {
  if (context.role !== expected) {
    throw channelError('channel/wrong-role', { expected, actual: context.role });
  }
}
