import { createDecipheriv } from 'node:crypto';
import {
  IdentityChange,
  IdentityKeyPair,
  IdentityKeyStore,
  ProtocolAddress,
  SessionRecord,
  SessionStore,
  SignalMessage,
  signalDecrypt,
} from '@signalapp/libsignal-client';
import type { PrivateKey, PublicKey } from '@signalapp/libsignal-client';
import { parseArmoredEnvelope } from '../../../../electron/services/signal';
import { EPOCH_COPY_BYTES as EPOCH_COPY } from '../../../../electron/services/signal/channelState';
import { openGcm } from '../../../../electron/services/vault/aead';
import { openSealedCopy } from '../../../../electron/services/vault/inPlaceFile';
import { deriveRecordKey } from '../../../../electron/services/vault/keyDerivation';
import { paddedLength } from '../../../../electron/services/vault/padding';
import {
  ADDRESS_BOX_BYTES,
  openRecord,
  RECORD_FILE_VERSION_ADDRESSED,
  recordAad,
} from '../../../../electron/services/vault/recordCodec';
import type { VaultService } from '../../../../electron/services/vault/vaultService';
import { BLOCK } from '../../../fixtures/ext4Image';

/**
 * The seized-disk adversary's channel tools (issue 11 §5), shared by the channel and the vault
 * forensic tests. With hindsight it knows the master key and every record id the channel ever
 * used, carves every record and every epoch key from the raw image, and tries every carved
 * session state on the envelopes the person's messenger still holds.
 */
const EPOCH_LABEL = 'signal-epoch';

export interface Party {
  vault: VaultService;
  dir: string;
  master: Buffer;
  vaultId: Buffer;
  /** Every (collection, id) of a channel record ever present: the adversary's hindsight. */
  ids: Set<string>;
}

export async function noteIds(party: Party, peers: string[]): Promise<void> {
  for (const id of await party.vault.records.list('signal-state')) party.ids.add(`signal-state\u0000${id}`);
  for (const peer of peers) party.ids.add(`signal-sessions\u0000${peer}.1`);
}

/** Every record of `party` the image holds, live or in free blocks, opened with the master key. */
export function carveRecords(
  image: Buffer,
  party: Party,
): Array<{ collection: string; id: string; data: Buffer }> {
  const found: Array<{ collection: string; id: string; data: Buffer }> = [];
  const keys = [...party.ids].map((key) => {
    const [collection = '', id = ''] = key.split('\u0000');
    return { collection, id, key: deriveRecordKey(party.master, party.vaultId, collection, id) };
  });
  for (let at = 0; at + BLOCK <= image.length; at += BLOCK) {
    const version = image.readUInt16BE(at);
    if (version !== 1 && version !== RECORD_FILE_VERSION_ADDRESSED) continue;
    // Version 2 puts the fixed-size address box before the version-1 body (docs/vault-format.md).
    const skip = version === 1 ? 0 : ADDRESS_BOX_BYTES;
    const nonce = image.subarray(at + 2 + skip, at + 14 + skip);
    for (const { collection, id, key } of keys) {
      // GCM is CTR from counter 2: the first block of the inner plaintext tells the length.
      const decipher = createDecipheriv(
        'aes-256-ctr',
        key,
        Buffer.concat([nonce, Buffer.from([0, 0, 0, 2])]),
      );
      const head = decipher.update(image.subarray(at + 14 + skip, at + 22 + skip));
      const length = head.readUInt32BE(4);
      if (length > 1 << 20) continue;
      const total = 2 + skip + 12 + paddedLength(8 + length) + 16;
      if (at + total > image.length) continue;
      try {
        const opened = openRecord(
          key,
          recordAad(party.vaultId, collection, id),
          image.subarray(at, at + total),
        );
        found.push({ collection, id, data: Buffer.from(opened.data) });
      } catch {
        // not this record
      }
    }
  }
  return found;
}

/** Every epoch key any block of the image yields under the party's wrapping key. */
export function carveEpochKeys(image: Buffer, wrapKey: Buffer | null): Buffer[] {
  if (wrapKey === null) return [];
  const keys: Buffer[] = [];
  for (let at = 0; at + BLOCK <= image.length; at += BLOCK) {
    for (const index of [0, 1] as const) {
      const opened = openSealedCopy(
        wrapKey,
        EPOCH_LABEL,
        index,
        image.subarray(at + index * EPOCH_COPY, at + (index + 1) * EPOCH_COPY),
      );
      if (opened) keys.push(opened.value.subarray(0, 32));
    }
  }
  return keys;
}

function decodeState(plain: Buffer): Map<string, Buffer> {
  const entries = new Map<string, Buffer>();
  let at = 5;
  for (let n = 0; n < plain.readUInt32BE(1); n += 1) {
    const keyLength = plain.readUInt16BE(at);
    const key = plain.subarray(at + 2, at + 2 + keyLength).toString('utf8');
    at += 2 + keyLength;
    const dataLength = plain.readUInt32BE(at);
    entries.set(key, plain.subarray(at + 4, at + 4 + dataLength));
    at += 4 + dataLength;
  }
  return entries;
}

export interface CarvedState {
  sessions: Buffer[];
  identity: Buffer | null;
}

/** Session records (and the own identity) from every carved record, under every carved epoch key. */
export function carvedStates(
  image: Buffer,
  party: Party,
  wrapKey: Buffer | null,
  liveIdentity: Buffer | null,
): CarvedState {
  const epochKeys = carveEpochKeys(image, wrapKey);
  const sessions: Buffer[] = [];
  let identity = liveIdentity;
  for (const record of carveRecords(image, party)) {
    if (record.collection === 'signal-sessions') sessions.push(record.data);
    if (record.collection !== 'signal-state') continue;
    for (const epochKey of epochKeys) {
      const plain = openGcm(
        Buffer.from(epochKey),
        record.data,
        Buffer.from(`tikho/signal-state/v1/${record.id}`, 'utf8'),
      );
      if (!plain) continue;
      for (const [key, value] of decodeState(plain)) {
        if (key.startsWith('signal-sessions\u0000')) sessions.push(Buffer.from(value));
        if (key === 'signal-local\u0000identity') identity = Buffer.from(value);
      }
    }
  }
  return { sessions, identity };
}

class OneSession extends SessionStore {
  constructor(private record: SessionRecord) {
    super();
  }
  override saveSession(_a: ProtocolAddress, record: SessionRecord): Promise<void> {
    this.record = record;
    return Promise.resolve();
  }
  override getSession(): Promise<SessionRecord | null> {
    return Promise.resolve(this.record);
  }
  override getExistingSessions(): Promise<SessionRecord[]> {
    return Promise.resolve([this.record]);
  }
}

class TrustAll extends IdentityKeyStore {
  constructor(
    private readonly pair: IdentityKeyPair,
    private readonly registrationId: number,
  ) {
    super();
  }
  override getIdentityKey(): Promise<PrivateKey> {
    return Promise.resolve(this.pair.privateKey);
  }
  override getLocalRegistrationId(): Promise<number> {
    return Promise.resolve(this.registrationId);
  }
  override saveIdentity(): Promise<IdentityChange> {
    return Promise.resolve(IdentityChange.NewOrUnchanged);
  }
  override isTrustedIdentity(): Promise<boolean> {
    return Promise.resolve(true);
  }
  override getIdentity(): Promise<PublicKey | null> {
    return Promise.resolve(null);
  }
}

/** How many of `envelopes` (whisper, addressed to this party) open with some carved session. */
export async function decryptable(
  state: CarvedState,
  envelopes: Array<{ envelope: string; body: string }>,
): Promise<string[]> {
  if (state.identity === null) return [];
  const identity = JSON.parse(state.identity.toString('utf8')) as {
    address: string;
    registrationId: number;
    identityKeyPair: string;
  };
  const pair = IdentityKeyPair.deserialize(Buffer.from(identity.identityKeyPair, 'base64'));
  const opened: string[] = [];
  for (const { envelope, body } of envelopes) {
    const parsed = parseArmoredEnvelope(envelope);
    if (parsed.messageType !== 'whisper') continue;
    for (const session of state.sessions) {
      try {
        const plain = await signalDecrypt(
          SignalMessage.deserialize(Buffer.from(parsed.ciphertext)),
          ProtocolAddress.new(parsed.senderAddress, parsed.senderDeviceId),
          ProtocolAddress.new(identity.address, 1),
          new OneSession(SessionRecord.deserialize(Uint8Array.from(session))),
          new TrustAll(pair, identity.registrationId),
        );
        if (Buffer.from(plain).includes(Buffer.from(body, 'utf8'))) {
          opened.push(body);
          break;
        }
      } catch {
        // this state cannot open it
      }
    }
  }
  return opened;
}
