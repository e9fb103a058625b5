import { z } from 'zod';
import type { EncryptedRecordStore } from '../vault';
import { COLLECTIONS, recordCollection } from './recordJson';

/**
 * An own long-term key as the vault keeps it. The secret stays without an S2K passphrase (the
 * vault encrypts it) and stays unrevoked even after the person revokes the key: it must still
 * decrypt replies to requests sent before; `revokedAt` is what refuses signing with it.
 */
const ownKeyRecordSchema = z
  .object({
    armoredSecret: z.string(),
    revocationCertificate: z.string().nullable(),
    addedAt: z.string(),
    revokedAt: z.string().nullable(),
    revokedPublicKey: z.string().nullable(),
  })
  .strict();
export type OwnKeyRecord = z.infer<typeof ownKeyRecordSchema>;
/** Which of the kept keys is the current one, in the service's state collection. */
const currentSchema = z.object({ fingerprint: z.string() }).strict();
const CURRENT_ID = 'current-own-key';

export interface OwnKeyRecords {
  load(fingerprint: string): Promise<OwnKeyRecord | null>;
  save(fingerprint: string, record: OwnKeyRecord): Promise<void>;
  fingerprints(): Promise<string[]>;
  currentFingerprint(): Promise<string | null>;
  setCurrent(fingerprint: string): Promise<void>;
}

export function ownKeyRecords(records: EncryptedRecordStore): OwnKeyRecords {
  const keys = recordCollection(records, COLLECTIONS.ownKeys, ownKeyRecordSchema);
  const state = recordCollection(records, COLLECTIONS.state, currentSchema);
  return {
    load: (fingerprint) => keys.read(fingerprint),
    save: (fingerprint, record) => keys.write(fingerprint, record),
    fingerprints: () => keys.ids(),
    currentFingerprint: async () => (await state.read(CURRENT_ID))?.fingerprint ?? null,
    setCurrent: (fingerprint) => state.write(CURRENT_ID, { fingerprint }),
  };
}

/** What every part of the own-key store uses: the stored keys and the clock. */
export interface OwnKeyContext {
  readonly keys: OwnKeyRecords;
  readonly clock: () => Date;
}
