import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import {
  CATEGORIES,
  checklistItemSchema,
  helpContactsFileSchema,
  incidentSchema,
  type ChecklistItem,
} from '../../../shared/checklist/schema';
import type { Logger } from '../log';

/**
 * Reads resources/checklists/ and validates it item by item. A broken item (a bad edit, a
 * truncated file) is logged and skipped: the rest of the checklist must still open, because the
 * person may need it right now. Nothing here throws for bad content.
 */

export type Incident = z.infer<typeof incidentSchema>;
export type HelpContactsFile = z.infer<typeof helpContactsFileSchema>;

export interface ChecklistContent {
  items: ChecklistItem[];
  incidents: Incident[];
  helpContacts: HelpContactsFile | null;
  /** Human-readable reasons, one per skipped piece, for the log and the tests. */
  problems: string[];
}

/** Loose outer shapes: the strict per-item parse is what decides what is kept. */
const looseCategoryFile = z.object({ category: z.string(), items: z.array(z.unknown()) });
const looseIncidentsFile = z.object({ incidents: z.array(z.unknown()) });

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
}

function describeIssue(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? `${first.path.join('.')}: ${first.message}` : 'invalid';
}

export async function loadChecklistContent(
  resourcesDir: string,
  logger?: Pick<Logger, 'error'>,
): Promise<ChecklistContent> {
  const root = path.join(resourcesDir, 'checklists');
  const problems: string[] = [];
  const problem = (message: string, meta: Record<string, unknown>): void => {
    problems.push(`${message} ${JSON.stringify(meta)}`);
    logger?.error(`checklist: ${message}`, meta);
  };

  const items: ChecklistItem[] = [];
  const seen = new Set<string>();
  for (const category of CATEGORIES) {
    const file = path.join(root, 'items', `${category}.json`);
    let raw: unknown;
    try {
      raw = await readJson(file);
    } catch (caught: unknown) {
      problem('category file unreadable, skipped', {
        category,
        reason: caught instanceof Error ? caught.name : 'unknown',
      });
      continue;
    }
    const outer = looseCategoryFile.safeParse(raw);
    if (!outer.success || outer.data.category !== category) {
      problem('category file malformed, skipped', { category });
      continue;
    }
    outer.data.items.forEach((candidate, index) => {
      const parsed = checklistItemSchema.safeParse(candidate);
      if (!parsed.success) {
        problem('item invalid, skipped', { category, index, issue: describeIssue(parsed.error) });
        return;
      }
      const item = parsed.data;
      if (item.category !== category) {
        problem('item in the wrong category file, skipped', { category, item: item.id });
        return;
      }
      if (seen.has(item.id)) {
        // Progress is keyed by id: two items with one id would share a tick.
        problem('duplicate item id, skipped', { category, item: item.id });
        return;
      }
      seen.add(item.id);
      items.push(item);
    });
  }

  const incidents: Incident[] = [];
  try {
    const outer = looseIncidentsFile.safeParse(await readJson(path.join(root, 'incidents.json')));
    if (!outer.success) problem('incidents file malformed, skipped', {});
    else
      outer.data.incidents.forEach((candidate, index) => {
        const parsed = incidentSchema.safeParse(candidate);
        if (parsed.success) incidents.push(parsed.data);
        else problem('incident invalid, skipped', { index, issue: describeIssue(parsed.error) });
      });
  } catch {
    problem('incidents file unreadable, skipped', {});
  }

  let helpContacts: HelpContactsFile | null = null;
  try {
    const parsed = helpContactsFileSchema.safeParse(await readJson(path.join(root, 'help-contacts.json')));
    if (parsed.success) helpContacts = parsed.data;
    else problem('help contacts invalid, skipped', { issue: describeIssue(parsed.error) });
  } catch {
    problem('help contacts unreadable, skipped', {});
  }

  return { items, incidents, helpContacts, problems };
}
