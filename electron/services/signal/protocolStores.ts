import {
  IdentityChange,
  IdentityKeyStore,
  KyberPreKeyRecord,
  KyberPreKeyStore,
  PreKeyStore,
  PublicKey,
  SessionRecord,
  SessionStore,
  SignedPreKeyRecord,
  SignedPreKeyStore,
} from '@signalapp/libsignal-client';
import type { PreKeyRecord, PrivateKey, ProtocolAddress, Direction } from '@signalapp/libsignal-client';
import { z } from 'zod';
import { parseJsonRecord } from '../vault';
import { copyBytes, encodeJson, toBase64 } from './bytes';
import type { RejectionSlot } from './channelErrors';
import { findGeneration, isGenerationUsable, readPreKeySchedule } from './deskPreKeys';
import type { PreKeyPolicy } from './deskPreKeys';
import type { LocalIdentity } from './localIdentity';
import { COLLECTIONS } from './recordCollections';
import type { RecordTransaction } from './recordTransaction';

/** What one channel operation hands its libsignal stores. One context per transaction. */
export interface StoreContext {
  tx: RecordTransaction;
  identity: LocalIdentity;
  rejection: RejectionSlot;
  now: number;
  policy: PreKeyPolicy;
  /** For a first message: the identity key the envelope declares; libsignal's must equal it. */
  expectedRemoteIdentity: PublicKey | null;
}

export interface ProtocolStores {
  sessions: SessionStore;
  identities: IdentityKeyStore;
  preKeys: PreKeyStore;
  signedPreKeys: SignedPreKeyStore;
  kyberPreKeys: KyberPreKeyStore;
}

export const sessionRecordId = (address: ProtocolAddress): string =>
  `${address.name()}.${address.deviceId()}`;

export async function readRemoteIdentity(
  tx: RecordTransaction,
  peerAddress: string,
): Promise<PublicKey | null> {
  const bytes = await tx.read(COLLECTIONS.identities, peerAddress);
  return bytes === null ? null : PublicKey.deserialize(copyBytes(bytes));
}

export function writeRemoteIdentity(tx: RecordTransaction, peerAddress: string, key: PublicKey): void {
  tx.write(COLLECTIONS.identities, peerAddress, key.serialize());
}

class VaultSessionStore extends SessionStore {
  constructor(private readonly ctx: StoreContext) {
    super();
  }
  override async saveSession(address: ProtocolAddress, record: SessionRecord): Promise<void> {
    this.ctx.tx.write(COLLECTIONS.sessions, sessionRecordId(address), record.serialize());
    await Promise.resolve();
  }
  override async getSession(address: ProtocolAddress): Promise<SessionRecord | null> {
    const bytes = await this.ctx.tx.read(COLLECTIONS.sessions, sessionRecordId(address));
    return bytes === null ? null : SessionRecord.deserialize(copyBytes(bytes));
  }
  override async getExistingSessions(addresses: ProtocolAddress[]): Promise<SessionRecord[]> {
    const found: SessionRecord[] = [];
    for (const address of addresses) {
      const record = await this.getSession(address);
      if (record) {
        found.push(record);
      }
    }
    return found;
  }
}

/**
 * Trust policy: a peer's first identity key is accepted (the desk learns users from their first
 * message; the user's first key comes from a PGP-signed card and is then verified by safety
 * number). Any different key later is untrusted in both directions: libsignal refuses the
 * operation and the facade reports `channel/identity-changed`. Only markVerified replaces a key.
 */
class VaultIdentityStore extends IdentityKeyStore {
  constructor(private readonly ctx: StoreContext) {
    super();
  }
  override async getIdentityKey(): Promise<PrivateKey> {
    return Promise.resolve(this.ctx.identity.keyPair.privateKey);
  }
  override async getLocalRegistrationId(): Promise<number> {
    return Promise.resolve(this.ctx.identity.registrationId);
  }
  override async saveIdentity(address: ProtocolAddress, key: PublicKey): Promise<IdentityChange> {
    const existing = await readRemoteIdentity(this.ctx.tx, address.name());
    if (existing?.equals(key)) {
      return IdentityChange.NewOrUnchanged;
    }
    writeRemoteIdentity(this.ctx.tx, address.name(), key);
    return existing ? IdentityChange.ReplacedExisting : IdentityChange.NewOrUnchanged;
  }
  override async isTrustedIdentity(
    address: ProtocolAddress,
    key: PublicKey,
    _direction: Direction,
  ): Promise<boolean> {
    const expected = this.ctx.expectedRemoteIdentity;
    if (expected && !expected.equals(key)) {
      // The envelope header claims one identity, the signed message carries another.
      this.ctx.rejection.reason = 'channel/tampered';
      return false;
    }
    const existing = await readRemoteIdentity(this.ctx.tx, address.name());
    if (existing && !existing.equals(key)) {
      this.ctx.rejection.reason = 'channel/identity-changed';
      return false;
    }
    return true;
  }
  override async getIdentity(address: ProtocolAddress): Promise<PublicKey | null> {
    return readRemoteIdentity(this.ctx.tx, address.name());
  }
}

/** Copy-paste transport cannot hand out one-time pre-keys: none exist, any lookup is stale. */
class NoOneTimePreKeyStore extends PreKeyStore {
  constructor(private readonly ctx: StoreContext) {
    super();
  }
  override async savePreKey(_id: number, _record: PreKeyRecord): Promise<void> {
    return Promise.reject(new Error('one-time pre-keys are not used'));
  }
  override async getPreKey(_id: number): Promise<PreKeyRecord> {
    this.ctx.rejection.reason = 'channel/stale-prekey';
    return Promise.reject(new Error('no one-time pre-key'));
  }
  override async removePreKey(_id: number): Promise<void> {
    return Promise.resolve();
  }
}

class VaultSignedPreKeyStore extends SignedPreKeyStore {
  constructor(private readonly ctx: StoreContext) {
    super();
  }
  override async saveSignedPreKey(id: number, record: SignedPreKeyRecord): Promise<void> {
    this.ctx.tx.write(COLLECTIONS.signedPreKeys, String(id), record.serialize());
    return Promise.resolve();
  }
  override async getSignedPreKey(id: number): Promise<SignedPreKeyRecord> {
    const schedule = await readPreKeySchedule(this.ctx.tx);
    const bytes = await this.ctx.tx.read(COLLECTIONS.signedPreKeys, String(id));
    if (bytes === null || !isGenerationUsable(findGeneration(schedule, id), this.ctx.now, this.ctx.policy)) {
      this.ctx.rejection.reason = 'channel/stale-prekey';
      throw new Error('stale signed pre-key');
    }
    return SignedPreKeyRecord.deserialize(copyBytes(bytes));
  }
}

const kyberUsedSchema = z.array(z.string().max(100)).max(1_000_000);

/**
 * Last-resort Kyber pre-keys are reused by every user, so a first message replayed after its
 * session is gone would otherwise start a fresh session. libsignal reports each (Kyber id,
 * signed id, base key) it consumes; a repeat is a replay.
 */
class VaultKyberPreKeyStore extends KyberPreKeyStore {
  constructor(private readonly ctx: StoreContext) {
    super();
  }
  override async saveKyberPreKey(id: number, record: KyberPreKeyRecord): Promise<void> {
    this.ctx.tx.write(COLLECTIONS.kyberPreKeys, String(id), record.serialize());
    return Promise.resolve();
  }
  override async getKyberPreKey(id: number): Promise<KyberPreKeyRecord> {
    const schedule = await readPreKeySchedule(this.ctx.tx);
    const bytes = await this.ctx.tx.read(COLLECTIONS.kyberPreKeys, String(id));
    if (bytes === null || !isGenerationUsable(findGeneration(schedule, id), this.ctx.now, this.ctx.policy)) {
      this.ctx.rejection.reason = 'channel/stale-prekey';
      throw new Error('stale kyber pre-key');
    }
    return KyberPreKeyRecord.deserialize(copyBytes(bytes));
  }
  override async markKyberPreKeyUsed(
    kyberPreKeyId: number,
    signedPreKeyId: number,
    baseKey: PublicKey,
  ): Promise<void> {
    const bytes = await this.ctx.tx.read(COLLECTIONS.kyberUsed, String(kyberPreKeyId));
    let used: string[] = [];
    if (bytes !== null) {
      const read = parseJsonRecord(bytes, kyberUsedSchema);
      if (!read) {
        this.ctx.rejection.reason = 'channel/state-corrupt';
        throw new Error('kyber used-set unreadable');
      }
      used = read;
    }
    const entry = `${signedPreKeyId}:${toBase64(baseKey.serialize())}`;
    if (used.includes(entry)) {
      this.ctx.rejection.reason = 'channel/duplicate';
      throw new Error('kyber pre-key reuse');
    }
    used.push(entry);
    this.ctx.tx.write(COLLECTIONS.kyberUsed, String(kyberPreKeyId), encodeJson(used));
  }
}

export function createProtocolStores(ctx: StoreContext): ProtocolStores {
  return {
    sessions: new VaultSessionStore(ctx),
    identities: new VaultIdentityStore(ctx),
    preKeys: new NoOneTimePreKeyStore(ctx),
    signedPreKeys: new VaultSignedPreKeyStore(ctx),
    kyberPreKeys: new VaultKyberPreKeyStore(ctx),
  };
}
