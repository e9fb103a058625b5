import { CiphertextMessageType, signalEncrypt } from '@signalapp/libsignal-client';
import type { ChannelMessage } from '../../../shared/channel/channelTypes';
import { toHex } from './bytes';
import { channelError, toDecryptError } from './channelErrors';
import type { RejectionSlot } from './channelErrors';
import type { SentMessage } from './channelServiceTypes';
import { ENVELOPE_ID_BYTES, encodeArmoredEnvelope } from './envelopeCodec';
import { encodeMessagePayload } from './messagePayload';
import type { OperationScope } from './operationRunner';
import { storeMessage } from './threadHistory';
import { peerAddressOf, requireThread, writeThread } from './threadStore';

/** Encrypts `body` on the thread's session; the first message of a session is a pre-key one. */
export async function sendMessage(
  scope: OperationScope,
  threadId: string,
  body: string,
): Promise<SentMessage> {
  const { tx, identity, now } = scope;
  const { random } = scope.context;
  const thread = await requireThread(tx, threadId);
  if (thread.pendingIdentity) {
    throw channelError('channel/identity-changed', { threadId });
  }
  const slot: RejectionSlot = { reason: null };
  const stores = scope.stores(slot);
  const peer = peerAddressOf(thread);
  const session = await stores.sessions.getSession(peer);
  if (!session?.hasCurrentState(new Date(now))) {
    throw channelError('channel/no-session', { threadId });
  }
  const envelopeId = random(ENVELOPE_ID_BYTES).slice(0, ENVELOPE_ID_BYTES);
  const payload = encodeMessagePayload({ envelopeId, sentAt: now, body });
  let ciphertext;
  try {
    ciphertext = await signalEncrypt(
      payload,
      peer,
      scope.localAddress,
      stores.sessions,
      stores.identities,
      new Date(now),
    );
  } catch (error) {
    throw toDecryptError(error, slot);
  }
  const isFirst = ciphertext.type() === (CiphertextMessageType.PreKey as number);
  const envelope = encodeArmoredEnvelope({
    messageType: isFirst ? 'prekey' : 'whisper',
    envelopeId,
    senderAddress: identity.address,
    senderDeviceId: identity.deviceId,
    senderRegistrationId: identity.registrationId,
    recipientAddress: threadId,
    senderIdentityKey: isFirst ? identity.keyPair.publicKey.serialize() : null,
    ciphertext: ciphertext.serialize(),
  });
  const message: ChannelMessage = {
    envelopeId: toHex(envelopeId),
    direction: 'out',
    body,
    sentAt: now,
    storedAt: now,
  };
  storeMessage(tx, threadId, thread.retention, message, random);
  writeThread(tx, { ...thread, lastMessageAt: now });
  return { envelope, threadId, message };
}
