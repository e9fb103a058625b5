import type { ChecklistItem, Locale } from '../../../shared/checklist/schema';
import {
  filterItems,
  isOutdated,
  type HelpContactView,
  type IncidentView,
  type ItemFilter,
  type ItemView,
} from '../../../shared/checklist/view';
import type { ChecklistContent } from './contentLoader';

/** The content as the screens see it: one language, outdated flags from the given time. */

export interface HelpContactsView {
  lastReviewed: string;
  reviewBy: string;
  outdated: boolean;
  contacts: HelpContactView[];
}

export function localizeItem(item: ChecklistItem, lang: Locale, now: Date): ItemView {
  return {
    id: item.id,
    category: item.category,
    scenarios: item.scenarios,
    scope: item.scope,
    roles: item.roles,
    priority: item.priority,
    kind: item.kind,
    effortMinutes: item.effort_minutes,
    title: item.title[lang],
    why: item.why[lang],
    steps: item.steps.map((step) => ({ platform: step.platform, text: step.text[lang] })),
    legalNote: item.legal_note?.[lang] ?? null,
    facts: item.facts.map((fact) => ({
      text: fact.text[lang],
      asOf: fact.as_of,
      contested: fact.contested ?? false,
      sources: fact.sources.map((source) => ({ ...source })),
    })),
    live: item.live ?? null,
    lastReviewed: item.last_reviewed,
    reviewBy: item.review_by,
    outdated: isOutdated(item.review_by, now),
  };
}

export function itemViews(content: ChecklistContent, lang: Locale, now: Date): ItemView[] {
  return content.items.map((item) => localizeItem(item, lang, now));
}

export function filteredItemViews(
  content: ChecklistContent,
  lang: Locale,
  filter: ItemFilter,
  now: Date,
): ItemView[] {
  return filterItems(itemViews(content, lang, now), filter);
}

export function incidentViews(content: ChecklistContent, lang: Locale): IncidentView[] {
  const known = new Set(content.items.map((item) => item.id));
  return content.incidents.map((incident) => ({
    id: incident.id,
    title: incident.title[lang],
    summary: incident.summary[lang],
    first: incident.first,
    questions: incident.questions.map((question) => ({
      id: question.id,
      question: question.question[lang],
      answers: question.answers.map((answer) => ({
        label: answer.label[lang],
        // A skipped (invalid) item must not become a dead link in a guided answer.
        items: answer.items.filter((id) => known.has(id)),
        next: answer.next ?? null,
      })),
    })),
  }));
}

export function helpContactsView(content: ChecklistContent, lang: Locale, now: () => Date): HelpContactsView {
  const file = content.helpContacts;
  if (!file) return { lastReviewed: '', reviewBy: '', outdated: false, contacts: [] };
  return {
    lastReviewed: file.last_reviewed,
    reviewBy: file.review_by,
    outdated: isOutdated(file.review_by, now()),
    contacts: file.contacts.map((contact) => ({
      id: contact.id,
      name: contact.name,
      scope: contact.scope,
      what: contact.what[lang],
      how: contact.how.map((how) => ({ kind: how.kind, value: how.value, checked: how.checked ?? null })),
      source: { ...contact.source },
    })),
  };
}

export function outdatedIds(content: ChecklistContent, now: Date): string[] {
  return content.items.filter((item) => isOutdated(item.review_by, now)).map((item) => item.id);
}
