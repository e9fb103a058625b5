import { IdentityKeyPair } from '@signalapp/libsignal-client';
import { z } from 'zod';
import type { ChannelRole } from '../../../shared/channel/channelTypes';
import { channelRoleSchema } from '../../../shared/channel/channelTypes';
import { parseJsonRecord } from '../vault';
import { fromBase64Strict, encodeJson, toBase64, toHex } from './bytes';
import { channelError } from './channelErrors';
import { COLLECTIONS, LOCAL_IDENTITY_ID } from './recordCollections';
import type { RecordTransaction } from './recordTransaction';

/** This device's libsignal identity. Created once; destroyed only by the panic wipe. */
export interface LocalIdentity {
  role: ChannelRole;
  address: string;
  deviceId: number;
  registrationId: number;
  keyPair: IdentityKeyPair;
}

const localIdentityRecordSchema = z
  .object({
    version: z.literal(1),
    role: channelRoleSchema,
    address: z.string().regex(/^[a-z0-9-]{3,64}$/),
    deviceId: z.number().int().min(1).max(127),
    registrationId: z.number().int().min(1).max(16380),
    identityKeyPair: z.string().max(200),
    createdAt: z.number().int(),
  })
  .strict();

/** libsignal registration ids are 14-bit and non-zero. */
const MAX_REGISTRATION_ID = 16380;

export async function readLocalIdentity(tx: RecordTransaction): Promise<LocalIdentity | null> {
  const bytes = await tx.read(COLLECTIONS.local, LOCAL_IDENTITY_ID);
  if (bytes === null) {
    return null;
  }
  const record = parseJsonRecord(bytes, localIdentityRecordSchema);
  if (!record) throw channelError('channel/state-corrupt', { record: 'identity' });
  const keyBytes = fromBase64Strict(record.identityKeyPair);
  if (keyBytes === null) {
    throw channelError('channel/state-corrupt', { record: 'identity' });
  }
  return {
    role: record.role,
    address: record.address,
    deviceId: record.deviceId,
    registrationId: record.registrationId,
    keyPair: IdentityKeyPair.deserialize(keyBytes),
  };
}

export async function loadOrCreateLocalIdentity(
  tx: RecordTransaction,
  role: ChannelRole,
  random: (length: number) => Uint8Array,
  now: number,
): Promise<LocalIdentity> {
  const existing = await readLocalIdentity(tx);
  if (existing) {
    if (existing.role !== role) {
      throw channelError('channel/wrong-role', { expected: role, actual: existing.role });
    }
    return existing;
  }
  // Addresses are random, not derived from the key, so they reveal nothing but themselves.
  const address = `${role === 'desk' ? 'desk' : 'user'}-${toHex(random(12))}`;
  const registrationId = uniformBelow(random, MAX_REGISTRATION_ID) + 1;
  const keyPair = IdentityKeyPair.generate();
  tx.write(
    COLLECTIONS.local,
    LOCAL_IDENTITY_ID,
    encodeJson({
      version: 1,
      role,
      address,
      deviceId: 1,
      registrationId,
      identityKeyPair: toBase64(keyPair.serialize()),
      createdAt: now,
    }),
  );
  return { role, address, deviceId: 1, registrationId, keyPair };
}

/** Rejection sampling so the value is uniform in [0, bound). */
function uniformBelow(random: (length: number) => Uint8Array, bound: number): number {
  const limit = Math.floor(0x1_0000_0000 / bound) * bound;
  for (;;) {
    const b = random(4);
    const value = (((b[0] ?? 0) << 24) | ((b[1] ?? 0) << 16) | ((b[2] ?? 0) << 8) | (b[3] ?? 0)) >>> 0;
    if (value < limit) {
      return value % bound;
    }
  }
}
