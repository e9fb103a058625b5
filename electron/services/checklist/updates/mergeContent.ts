import { isDeepStrictEqual } from 'node:util';
import type { ChecklistItem, Locale } from '../../../../shared/checklist/schema';
import type { ChecklistContent } from '../contentLoader';
import type { UpdateChanges } from './format';

/**
 * The content the person sees: what shipped, with each team's current update laid over it in
 * the order they were applied. Pure, so "what changed" is simply before versus after.
 */
export function mergeContent(shipped: ChecklistContent, updates: readonly UpdateChanges[]): ChecklistContent {
  let items = [...shipped.items];
  let helpContacts = shipped.helpContacts;
  for (const update of updates) {
    const retired = new Set(update.retireItems);
    items = items.filter((item) => !retired.has(item.id));
    for (const item of update.items) {
      const at = items.findIndex((existing) => existing.id === item.id);
      if (at >= 0) items[at] = item;
      else {
        // A new item goes after the last one of its category, where the person looks for it.
        const last = items.map((existing) => existing.category).lastIndexOf(item.category);
        items.splice(last >= 0 ? last + 1 : items.length, 0, item);
      }
    }
    if (helpContacts) {
      const gone = new Set(update.retireHelpContacts);
      const contacts = helpContacts.contacts.filter((contact) => !gone.has(contact.id));
      for (const contact of update.helpContacts) {
        const at = contacts.findIndex((existing) => existing.id === contact.id);
        if (at >= 0) contacts[at] = contact;
        else contacts.push(contact);
      }
      helpContacts = { ...helpContacts, contacts };
    }
  }
  // Incident answers keep pointing only at items that exist (a retired item is no dead link).
  return { ...shipped, items, helpContacts };
}

export interface ChangeEntry {
  id: string;
  title: string;
}

export interface ContentChanges {
  added: ChangeEntry[];
  corrected: ChangeEntry[];
  retired: ChangeEntry[];
  contactsAdded: ChangeEntry[];
  contactsCorrected: ChangeEntry[];
  contactsRetired: ChangeEntry[];
}

/** What a person would see change, in their language. */
export function describeChanges(
  before: ChecklistContent,
  after: ChecklistContent,
  lang: Locale,
): ContentChanges {
  const title = (item: ChecklistItem): ChangeEntry => ({ id: item.id, title: item.title[lang] });
  const compare = <T extends { id: string }>(
    from: readonly T[],
    to: readonly T[],
    label: (value: T) => ChangeEntry,
  ): { added: ChangeEntry[]; corrected: ChangeEntry[]; retired: ChangeEntry[] } => {
    const old = new Map(from.map((value) => [value.id, value]));
    const next = new Map(to.map((value) => [value.id, value]));
    return {
      added: to.filter((value) => !old.has(value.id)).map(label),
      corrected: to
        .filter((value) => old.has(value.id) && !isDeepStrictEqual(old.get(value.id), value))
        .map(label),
      retired: from.filter((value) => !next.has(value.id)).map(label),
    };
  };
  const items = compare(before.items, after.items, title);
  const contacts = compare(
    before.helpContacts?.contacts ?? [],
    after.helpContacts?.contacts ?? [],
    (contact) => ({
      id: contact.id,
      title: contact.name,
    }),
  );
  return {
    added: items.added,
    corrected: items.corrected,
    retired: items.retired,
    contactsAdded: contacts.added,
    contactsCorrected: contacts.corrected,
    contactsRetired: contacts.retired,
  };
}
