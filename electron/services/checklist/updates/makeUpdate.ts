import { z } from 'zod';
import { encodeJsonRecord, parseJsonRecord, RECORD_COLLECTIONS } from '../../vault';
import type { EncryptedRecordStore } from '../../vault';
import {
  changesConflict,
  isEmptyChange,
  MAX_UPDATE_CHARS,
  UPDATE_FORMAT,
  UPDATE_VERSION,
  updateBodySchema,
  updateChangesSchema,
} from './format';
import { issuePath } from './readUpdate';
import { updateError } from './updateError';

/** The desk's team key, through the desk service: it never leaves it. */
export interface DeskSigner {
  team(): Promise<{ teamId: string; teamName: string }>;
  sign(text: string): Promise<string>;
}

export interface MadeUpdate {
  text: string;
  sequence: number;
  teamName: string;
}

/** The desk's last issued sequence, so every update it makes outranks the one before. */
const MADE_COLLECTION = RECORD_COLLECTIONS.checklist.updatesMade;
const MADE_ID = 'desk';
const madeSchema = z.object({ v: z.literal(1), lastSequence: z.number().int().min(0) }).strict();

/**
 * Turns an edited draft (docs/checklist-update-format.md, "Making an update") into the team's
 * next signed update. The draft is checked with the same schema the person's app will apply, so
 * a mistake is reported here with its place, not as a refusal on the person's side.
 */
export async function makeUpdate(
  draft: string,
  signer: DeskSigner,
  records: EncryptedRecordStore,
  now: Date,
): Promise<MadeUpdate> {
  if (draft.length > MAX_UPDATE_CHARS)
    throw updateError('checklist/update-too-large', { maxKiB: MAX_UPDATE_CHARS / 1024 });
  let json: unknown;
  try {
    json = JSON.parse(draft);
  } catch {
    throw updateError('checklist/update-malformed');
  }
  const changes = updateChangesSchema.safeParse(json);
  if (!changes.success)
    throw updateError('checklist/update-invalid-content', { where: issuePath(changes.error) });
  const conflict = changesConflict(changes.data);
  if (conflict !== null) throw updateError('checklist/update-invalid-content', { where: conflict });
  if (isEmptyChange(changes.data)) throw updateError('checklist/update-empty');

  const sequence = (await lastSequence(records, now)) + 1;
  const team = await signer.team();
  const body = updateBodySchema.parse({
    format: UPDATE_FORMAT,
    version: UPDATE_VERSION,
    teamId: team.teamId,
    teamName: team.teamName,
    sequence,
    issuedAt: now.toISOString(),
    ...changes.data,
  });
  const text = await signer.sign(JSON.stringify(body, null, 2));
  await records.write(MADE_COLLECTION, MADE_ID, encodeJsonRecord({ v: 1, lastSequence: sequence }));
  return { text, sequence, teamName: team.teamName };
}

async function lastSequence(records: EncryptedRecordStore, now: Date): Promise<number> {
  const bytes = await records.read(MADE_COLLECTION, MADE_ID);
  if (bytes === null) return 0;
  const made = parseJsonRecord(bytes, madeSchema);
  if (made !== null) return made.lastSequence;
  // A damaged counter must not restart at 1, or people would refuse every new update as older:
  // seconds since 1970 outrank any count a desk reaches by hand.
  return Math.floor(now.getTime() / 1000);
}
