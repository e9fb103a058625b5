import { KEMKeyPair, KyberPreKeyRecord, PrivateKey, SignedPreKeyRecord } from '@signalapp/libsignal-client';
import { z } from 'zod';
import type { ChannelBundle } from '../../../shared/channel/bundleSchema';
import { parseJsonRecord } from '../vault';
import { encodeJson, toBase64 } from './bytes';
import { channelError } from './channelErrors';
import type { LocalIdentity } from './localIdentity';
import { COLLECTIONS, PREKEY_SCHEDULE_ID } from './recordCollections';
import type { RecordTransaction } from './recordTransaction';

/**
 * The desk's signed pre-key and Kyber last-resort pre-key, rotated together as one
 * "generation" that shares one id. A retired generation still decrypts first messages for
 * `graceMs` (users holding the previous card), then its secrets are deleted: from then on a
 * first message made from it is refused as `channel/stale-prekey`.
 */
export interface PreKeyPolicy {
  rotationMs: number;
  graceMs: number;
}

export const DEFAULT_PREKEY_POLICY: PreKeyPolicy = {
  rotationMs: 30 * 24 * 60 * 60 * 1000,
  graceMs: 30 * 24 * 60 * 60 * 1000,
};

const generationSchema = z
  .object({
    id: z.number().int().min(1),
    createdAt: z.number().int(),
    retiredAt: z.number().int().nullable(),
  })
  .strict();
const scheduleSchema = z
  .object({
    version: z.literal(1),
    nextId: z.number().int().min(1),
    generations: z.array(generationSchema).max(1000),
  })
  .strict();
type PreKeySchedule = z.infer<typeof scheduleSchema>;
export type PreKeyGeneration = z.infer<typeof generationSchema>;

/** libsignal pre-key ids are 24-bit on the wire in Signal's own service; stay inside that. */
const MAX_PREKEY_ID = 0xff_ffff;

export async function readPreKeySchedule(tx: RecordTransaction): Promise<PreKeySchedule> {
  const bytes = await tx.read(COLLECTIONS.local, PREKEY_SCHEDULE_ID);
  if (bytes === null) {
    return { version: 1, nextId: 1, generations: [] };
  }
  const schedule = parseJsonRecord(bytes, scheduleSchema);
  if (!schedule) throw channelError('channel/state-corrupt', { record: 'prekey-schedule' });
  return schedule;
}

export function isGenerationUsable(
  generation: PreKeyGeneration | undefined,
  now: number,
  policy: PreKeyPolicy,
): boolean {
  if (!generation) {
    return false;
  }
  return generation.retiredAt === null || now <= generation.retiredAt + policy.graceMs;
}

export function findGeneration(schedule: PreKeySchedule, id: number): PreKeyGeneration | undefined {
  return schedule.generations.find((g) => g.id === id);
}

/**
 * Makes sure a current generation exists and is younger than the rotation period, and deletes
 * the secrets of generations past their grace. Returns the current generation.
 */
export async function rotatePreKeysIfDue(
  tx: RecordTransaction,
  identity: LocalIdentity,
  now: number,
  policy: PreKeyPolicy,
): Promise<{ current: PreKeyGeneration; rotated: boolean; pruned: number }> {
  const schedule = await readPreKeySchedule(tx);
  let current = schedule.generations.find((g) => g.retiredAt === null);
  let rotated = false;
  if (!current || now - current.createdAt >= policy.rotationMs) {
    if (current) {
      current.retiredAt = now;
    }
    const id = schedule.nextId;
    schedule.nextId = id >= MAX_PREKEY_ID ? 1 : id + 1;
    writeGenerationKeys(tx, identity, id, now);
    current = { id, createdAt: now, retiredAt: null };
    schedule.generations.push(current);
    rotated = true;
  }
  const expired = schedule.generations.filter((g) => !isGenerationUsable(g, now, policy));
  for (const generation of expired) {
    tx.remove(COLLECTIONS.signedPreKeys, String(generation.id));
    tx.remove(COLLECTIONS.kyberPreKeys, String(generation.id));
    tx.remove(COLLECTIONS.kyberUsed, String(generation.id));
  }
  schedule.generations = schedule.generations.filter((g) => isGenerationUsable(g, now, policy));
  if (rotated || expired.length > 0) {
    tx.write(COLLECTIONS.local, PREKEY_SCHEDULE_ID, encodeJson(schedule));
  }
  return { current, rotated, pruned: expired.length };
}

function writeGenerationKeys(tx: RecordTransaction, identity: LocalIdentity, id: number, now: number): void {
  const signedPrivate = PrivateKey.generate();
  const signedPublic = signedPrivate.getPublicKey();
  const signedSignature = identity.keyPair.privateKey.sign(signedPublic.serialize());
  const signed = SignedPreKeyRecord.new(id, now, signedPublic, signedPrivate, signedSignature);
  const kyberPair = KEMKeyPair.generate();
  const kyberSignature = identity.keyPair.privateKey.sign(kyberPair.getPublicKey().serialize());
  const kyber = KyberPreKeyRecord.new(id, now, kyberPair, kyberSignature);
  tx.write(COLLECTIONS.signedPreKeys, String(id), signed.serialize());
  tx.write(COLLECTIONS.kyberPreKeys, String(id), kyber.serialize());
}

export async function buildChannelBundle(
  tx: RecordTransaction,
  identity: LocalIdentity,
  generation: PreKeyGeneration,
  policy: PreKeyPolicy,
): Promise<ChannelBundle> {
  const signedBytes = await tx.read(COLLECTIONS.signedPreKeys, String(generation.id));
  const kyberBytes = await tx.read(COLLECTIONS.kyberPreKeys, String(generation.id));
  if (signedBytes === null || kyberBytes === null) {
    throw channelError('channel/state-corrupt', { record: 'prekey' });
  }
  const signed = SignedPreKeyRecord.deserialize(new Uint8Array(signedBytes));
  const kyber = KyberPreKeyRecord.deserialize(new Uint8Array(kyberBytes));
  return {
    version: 1,
    registrationId: identity.registrationId,
    deviceId: identity.deviceId,
    address: identity.address,
    identityKey: toBase64(identity.keyPair.publicKey.serialize()),
    signedPreKey: {
      id: signed.id(),
      publicKey: toBase64(signed.publicKey().serialize()),
      signature: toBase64(signed.signature()),
    },
    kyberPreKey: {
      id: kyber.id(),
      publicKey: toBase64(kyber.publicKey().serialize()),
      signature: toBase64(kyber.signature()),
    },
    issuedAt: new Date(generation.createdAt).toISOString(),
    expiresAt: new Date(generation.createdAt + policy.rotationMs + policy.graceMs).toISOString(),
  };
}
