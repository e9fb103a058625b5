import {
  PreKeySignalMessage,
  ProtocolAddress,
  PublicKey,
  SignalMessage,
  signalDecrypt,
  signalDecryptPreKey,
} from '@signalapp/libsignal-client';
import type { ChannelMessage } from '../../../shared/channel/channelTypes';
import type { TikhoError } from '../../../shared/errors';
import { copyBytes, toHex } from './bytes';
import { channelError, toDecryptError } from './channelErrors';
import type { RejectionSlot } from './channelErrors';
import type { ReceivedMessage } from './channelServiceTypes';
import { parseArmoredEnvelope } from './envelopeCodec';
import type { ChannelEnvelope } from './envelopeCodec';
import { decodeMessagePayload } from './messagePayload';
import type { OperationScope } from './operationRunner';
import { readRemoteIdentity } from './protocolStores';
import { hasSeenEnvelope, rememberEnvelope } from './seenEnvelopes';
import { storeMessage } from './threadHistory';
import { newThreadRecord, readThread, writeThread } from './threadStore';
import type { ThreadRecord } from './threadStore';

/** Opens an armored envelope; a first message from an unknown user opens a thread (desk). */
export async function receiveMessage(
  scope: OperationScope,
  armoredEnvelope: string,
): Promise<ReceivedMessage> {
  const { tx, identity, now } = scope;
  const envelope = parseArmoredEnvelope(armoredEnvelope);
  if (envelope.recipientAddress !== identity.address) {
    throw channelError('channel/not-for-me');
  }
  const threadId = envelope.senderAddress;
  const thread = await readThread(tx, threadId);
  if (thread && (await hasSeenEnvelope(tx, threadId, envelope.envelopeId))) {
    throw channelError('channel/duplicate');
  }
  const plaintext =
    envelope.messageType === 'prekey'
      ? await decryptPreKeyEnvelope(scope, envelope)
      : await decryptWhisperEnvelope(scope, envelope, thread);
  const payload = decodeMessagePayload(plaintext, envelope.envelopeId);
  const base =
    thread ?? newThreadRecord(threadId, envelope.senderDeviceId, envelope.senderRegistrationId, now);
  const message: ChannelMessage = {
    envelopeId: toHex(envelope.envelopeId),
    direction: 'in',
    body: payload.body,
    sentAt: payload.sentAt,
    storedAt: now,
  };
  await rememberEnvelope(tx, threadId, base.retention, envelope.envelopeId, now);
  storeMessage(tx, threadId, base.retention, message, scope.context.random);
  writeThread(tx, { ...base, lastMessageAt: now, lastReceivedAt: now });
  return { threadId, newThread: thread === null, message };
}

/** A first message: only a desk takes one, and only under the identity its header declares. */
async function decryptPreKeyEnvelope(scope: OperationScope, envelope: ChannelEnvelope): Promise<Uint8Array> {
  // Users publish no pre-keys, so nobody can legitimately open a session to a user.
  if (scope.context.role !== 'desk') {
    throw channelError('channel/unknown-sender');
  }
  const threadId = envelope.senderAddress;
  const declaredKey = decodeDeclaredIdentity(envelope.senderIdentityKey);
  const knownKey = await readRemoteIdentity(scope.tx, threadId);
  if (knownKey && !knownKey.equals(declaredKey)) {
    // Anyone can copy a user's address from an old envelope: refuse, record nothing.
    throw channelError('channel/identity-changed', { threadId });
  }
  let message: PreKeySignalMessage;
  try {
    message = PreKeySignalMessage.deserialize(copyBytes(envelope.ciphertext));
  } catch {
    throw channelError('channel/tampered');
  }
  if (message.registrationId() !== envelope.senderRegistrationId) {
    throw channelError('channel/tampered');
  }
  if (message.preKeyId() !== null) {
    throw channelError('channel/stale-prekey');
  }
  const slot: RejectionSlot = { reason: null };
  const stores = scope.stores(slot, declaredKey);
  try {
    return await signalDecryptPreKey(
      message,
      ProtocolAddress.new(threadId, envelope.senderDeviceId),
      scope.localAddress,
      stores.sessions,
      stores.identities,
      stores.preKeys,
      stores.signedPreKeys,
      stores.kyberPreKeys,
    );
  } catch (error) {
    throw reportRejection(scope, toDecryptError(error, slot));
  }
}

/** A message on an existing session, from the device and registration the thread knows. */
async function decryptWhisperEnvelope(
  scope: OperationScope,
  envelope: ChannelEnvelope,
  thread: ThreadRecord | null,
): Promise<Uint8Array> {
  const peer = ProtocolAddress.new(envelope.senderAddress, envelope.senderDeviceId);
  const slot: RejectionSlot = { reason: null };
  const stores = scope.stores(slot);
  if (!thread || !(await stores.sessions.getSession(peer))) {
    throw channelError('channel/unknown-sender');
  }
  if (
    thread.peerRegistrationId !== envelope.senderRegistrationId ||
    thread.peerDeviceId !== envelope.senderDeviceId
  ) {
    throw channelError('channel/tampered');
  }
  let message: SignalMessage;
  try {
    message = SignalMessage.deserialize(copyBytes(envelope.ciphertext));
  } catch {
    throw channelError('channel/tampered');
  }
  try {
    return await signalDecrypt(message, peer, scope.localAddress, stores.sessions, stores.identities);
  } catch (error) {
    throw reportRejection(scope, toDecryptError(error, slot));
  }
}

function decodeDeclaredIdentity(bytes: Uint8Array | null): PublicKey {
  if (bytes === null) {
    throw channelError('channel/envelope-malformed');
  }
  try {
    return PublicKey.deserialize(copyBytes(bytes));
  } catch {
    throw channelError('channel/envelope-malformed');
  }
}

function reportRejection(scope: OperationScope, error: TikhoError): TikhoError {
  scope.context.logger?.warn('channel: envelope rejected', { code: error.code });
  return error;
}
