import type { z } from 'zod';
import { parseJsonRecord, RECORD_COLLECTIONS } from '../vault';
import type { DraftKind, DraftOf, Drafts, DraftSave } from '../../../shared/ipc/drafts';
import { DRAFT_SCHEMAS } from '../../../shared/ipc/drafts';
import type { EncryptedRecordStore } from '../vault';
import { createSerialQueue } from '../common';

/** One record per kind, id = the kind: there is one draft of each at a time. */
export const DRAFTS_COLLECTION = RECORD_COLLECTIONS.drafts.drafts;

export interface DraftStore {
  load(): Promise<Drafts>;
  save(request: DraftSave): Promise<void>;
  discard(kind: DraftKind): Promise<void>;
  /** Resolves once every save and discard asked for so far has reached the vault (called before a lock). */
  settle(): Promise<void>;
}

const encoder = new TextEncoder();

function decode<K extends DraftKind>(kind: K, bytes: Uint8Array): DraftOf<K> | null {
  const schema: z.ZodType<unknown> = DRAFT_SCHEMAS[kind];
  // The kind's own schema checked the shape; the map's type cannot say which one it was.
  return parseJsonRecord(bytes, schema) as DraftOf<K> | null;
}

/**
 * Drafts live in the vault like every other secret: each is an AES-256-GCM record
 * under the master key, so a draft is never on disk in clear and goes with the vault in a panic
 * wipe. The decoy is another vault, built without this collection, so a duress unlock shows no
 * real draft. Writes are chained so a save followed by a discard lands in that order.
 */
export function createDraftStore(records: EncryptedRecordStore): DraftStore {
  const writes = createSerialQueue();
  const queue = writes.run;
  const readOne = async <K extends DraftKind>(kind: K): Promise<DraftOf<K> | null> => {
    const bytes = await records.read(DRAFTS_COLLECTION, kind);
    if (bytes === null) return null;
    const draft = decode(kind, bytes);
    // A record this version cannot read (an older format, a damaged file) would only stand in the way.
    if (draft === null) await records.remove(DRAFTS_COLLECTION, kind);
    return draft;
  };
  return {
    async load() {
      await writes.idle();
      const note = await readOne('note');
      const request = await readOne('request');
      const reply = await readOne('reply');
      const place = await readOne('place');
      return {
        ...(note ? { note } : {}),
        ...(request ? { request } : {}),
        ...(reply ? { reply } : {}),
        ...(place ? { place } : {}),
      };
    },
    save: ({ kind, draft }) =>
      queue(() => records.write(DRAFTS_COLLECTION, kind, encoder.encode(JSON.stringify(draft)))),
    discard: (kind) => queue(() => records.remove(DRAFTS_COLLECTION, kind)),
    settle: () => writes.idle(),
  };
}
