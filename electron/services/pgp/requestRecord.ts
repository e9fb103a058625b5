import { z } from 'zod';
import { REQUEST_CATEGORIES } from '../../../shared/contact/categories';
import { REQUEST_STATUSES, requestPayloadSchema } from '../../../shared/contact/request';
import type { EncryptedRecordStore } from '../vault';
import { COLLECTIONS, recordCollection, type RequiredRecordCollection } from './recordJson';

/** A sent request as the vault keeps it: what was sent, its status, and the replies read into it. */
const signerSchema = z
  .object({
    status: z.enum(['verified', 'known-unverified', 'unknown', 'unsigned']),
    fingerprint: z.string().nullable(),
    fingerprintGroups: z.array(z.string()).nullable(),
    keyId: z.string().nullable(),
    teamId: z.string().nullable(),
    teamName: z.string().nullable(),
    /** Signature creation time; absent on replies stored before it was kept. */
    signedAt: z.string().nullable().optional(),
  })
  .strict();
const replySchema = z
  .object({
    id: z.string(),
    receivedAt: z.string(),
    text: z.string(),
    signer: signerSchema,
    decryptedWith: z.enum(['own-key', 'one-time-key']),
    attachments: z
      .array(z.object({ name: z.string(), mediaType: z.string(), size: z.number().int().min(0) }).strict())
      .optional(),
    armored: z.string(),
  })
  .strict();
const requestRecordSchema = z
  .object({
    id: z.string(),
    teamId: z.string(),
    teamName: z.string(),
    teamFingerprint: z.string(),
    teamVerifiedAtSend: z.boolean(),
    category: z.enum(REQUEST_CATEGORIES),
    anonymous: z.boolean(),
    status: z.enum(REQUEST_STATUSES),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    armored: z.string(),
    payload: requestPayloadSchema,
    replies: z.array(replySchema),
  })
  .strict();
export type RequestRecord = z.infer<typeof requestRecordSchema>;
/** A reply with the ciphertext it was read from (attachments are reopened from it, never stored twice). */
export type StoredReply = RequestRecord['replies'][number];

export type RequestRecords = RequiredRecordCollection<RequestRecord>;

export function requestRecords(records: EncryptedRecordStore): RequestRecords {
  return recordCollection(records, COLLECTIONS.requests, requestRecordSchema, 'pgp/unknown-request');
}
