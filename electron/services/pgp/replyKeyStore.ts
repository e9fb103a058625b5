import { z } from 'zod';
import { readPrivateKey, type PrivateKey } from 'openpgp';
import type { EncryptedRecordStore } from '../vault';
import { PGP_CONFIG } from './openpgpConfig';
import { COLLECTIONS, recordCollection } from './recordJson';

/**
 * One-time reply keys of anonymous requests: a fresh key pair per request whose public half
 * travels inside the ciphertext, so the team can answer without ever learning the user's
 * long-term key. The secret half lives only here, in the vault, bound to its request.
 */
const replyKeyRecordSchema = z.object({ armoredSecret: z.string(), requestId: z.string() }).strict();

export interface ReplyKeyEntry {
  key: PrivateKey;
  requestId: string;
}

export interface ReplyKeyStore {
  put(fingerprint: string, armoredSecret: string, requestId: string): Promise<void>;
  all(): Promise<ReplyKeyEntry[]>;
  removeForRequest(requestId: string): Promise<void>;
}

export function createReplyKeyStore(records: EncryptedRecordStore): ReplyKeyStore {
  const keys = recordCollection(records, COLLECTIONS.replyKeys, replyKeyRecordSchema);
  return {
    put: (fingerprint, armoredSecret, requestId) => keys.write(fingerprint, { armoredSecret, requestId }),
    async all() {
      const entries: ReplyKeyEntry[] = [];
      for (const id of await keys.ids()) {
        const record = await keys.read(id);
        if (!record) continue;
        entries.push({
          key: await readPrivateKey({ armoredKey: record.armoredSecret, config: PGP_CONFIG }),
          requestId: record.requestId,
        });
      }
      return entries;
    },
    async removeForRequest(requestId) {
      for (const id of await keys.ids()) {
        const record = await keys.read(id);
        if (record?.requestId === requestId) await keys.remove(id);
      }
    },
  };
}
