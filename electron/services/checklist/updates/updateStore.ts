import { parseJsonRecord, RECORD_COLLECTIONS } from '../../vault';
import { z } from 'zod';
import type { EncryptedRecordStore } from '../../vault';
import { MAX_KEPT_PER_TEAM, updateBodySchema, type UpdateBody } from './format';

/**
 * Applied updates, one vault record per team (id = team id): which organisations a person hears
 * from is as sensitive as what they wrote, so nothing of it is ever outside the vault. Each
 * record is a short stack, newest last: removing the current update brings the previous back.
 */
export const UPDATES_COLLECTION = RECORD_COLLECTIONS.checklist.updates;

const appliedSchema = z
  .object({ body: updateBodySchema, signed: z.string(), appliedAt: z.iso.datetime() })
  .strict();
const teamRecordSchema = z
  .object({ v: z.literal(1), stack: z.array(appliedSchema).max(MAX_KEPT_PER_TEAM) })
  .strict();
export type AppliedUpdate = z.infer<typeof appliedSchema>;

export interface UpdateStore {
  /** The current update of every team, oldest application first (the order they are laid over). */
  current(): Promise<{ update: AppliedUpdate; earlier: number }[]>;
  top(teamId: string): Promise<AppliedUpdate | null>;
  push(update: { body: UpdateBody; signed: string }, appliedAt: Date): Promise<void>;
  /** Drops the team's current update; returns the one now current, if any. */
  pop(teamId: string): Promise<AppliedUpdate | null>;
}

export function createUpdateStore(records: EncryptedRecordStore): UpdateStore {
  // A damaged record is left out, not fatal: the shipped content still shows and the person
  // can apply the team's update again.
  const load = async (teamId: string): Promise<AppliedUpdate[]> => {
    const bytes = await records.read(UPDATES_COLLECTION, teamId);
    if (bytes === null) return [];
    return parseJsonRecord(bytes, teamRecordSchema)?.stack ?? [];
  };
  const save = async (teamId: string, stack: AppliedUpdate[]): Promise<void> => {
    if (stack.length === 0) await records.remove(UPDATES_COLLECTION, teamId);
    else
      await records.write(UPDATES_COLLECTION, teamId, Buffer.from(JSON.stringify({ v: 1, stack }), 'utf8'));
  };

  return {
    async current() {
      const out: { update: AppliedUpdate; earlier: number }[] = [];
      for (const teamId of await records.list(UPDATES_COLLECTION)) {
        const stack = await load(teamId);
        const update = stack.at(-1);
        if (update) out.push({ update, earlier: stack.length - 1 });
      }
      return out.sort((a, b) => a.update.appliedAt.localeCompare(b.update.appliedAt));
    },
    async top(teamId) {
      return (await load(teamId)).at(-1) ?? null;
    },
    async push(update, appliedAt) {
      const stack = await load(update.body.teamId);
      const next = [...stack, { ...update, appliedAt: appliedAt.toISOString() }].slice(-MAX_KEPT_PER_TEAM);
      await save(update.body.teamId, next);
    },
    async pop(teamId) {
      const stack = await load(teamId);
      const next = stack.slice(0, -1);
      await save(teamId, next);
      return next.at(-1) ?? null;
    },
  };
}
