import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import {
  CATEGORIES,
  LOCALES,
  checklistCategoryFileSchema,
  helpContactsFileSchema,
  incidentsFileSchema,
  type ChecklistItem,
} from '../../../../shared/checklist/schema';
import {
  countryTitleOffenders,
  helpContactOffenders,
  oneDatePerSourceOffenders,
  reviewCycleOffenders,
  reviewDateOffenders,
  sourceOffenders,
} from './contentRules';

/**
 * Content checks for resources/checklists/ (issue 5 "Done when"): every item in every language,
 * dates that are not stale, ids that other files can point to. Failure messages name the
 * offending file and item so a content editor can fix them without reading this file.
 */

const ROOT = path.resolve(__dirname, '../../../../resources/checklists');
const ITEMS_DIR = path.join(ROOT, 'items');
const INCIDENTS_FILE = path.join(ROOT, 'incidents.json');
const HELP_CONTACTS_FILE = path.join(ROOT, 'help-contacts.json');

const MIN_TOTAL_ITEMS = 75;

const CYRILLIC = /[\u0400-\u04FF]/;
/** Letters that exist in Russian but not in Ukrainian, and the other way round. */
const RUSSIAN_ONLY = /[ыЫэЭъЪёЁ]/;
const UKRAINIAN_ONLY = /[іІїЇєЄґҐ]/;

const today = new Date().toISOString().slice(0, 10);

interface LoadedFile {
  fileName: string;
  raw: unknown;
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
}

function loadItemFiles(): LoadedFile[] {
  if (!fs.existsSync(ITEMS_DIR)) {
    return [];
  }
  return fs
    .readdirSync(ITEMS_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((fileName) => ({
      fileName,
      raw: readJson(path.join(ITEMS_DIR, fileName)),
    }));
}

const loaded = loadItemFiles();

interface ParsedFile {
  fileName: string;
  category: string;
  items: ChecklistItem[];
}

const parsedFiles: ParsedFile[] = [];
const parseErrors: string[] = [];
for (const { fileName, raw } of loaded) {
  const result = checklistCategoryFileSchema.safeParse(raw);
  if (result.success) {
    parsedFiles.push({
      fileName,
      category: result.data.category,
      items: result.data.items,
    });
  } else {
    const issues = result.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    parseErrors.push(`${fileName}: ${issues}`);
  }
}
const allItems: ChecklistItem[] = parsedFiles.flatMap((file) => file.items);
const allItemIds = new Set(allItems.map((item) => item.id));

/** Every localized text of an item, with a label saying where it sits. */
function localizedTexts(item: ChecklistItem): { where: string; text: Record<string, string> }[] {
  const out: { where: string; text: Record<string, string> }[] = [
    { where: 'title', text: item.title },
    { where: 'why', text: item.why },
  ];
  item.steps.forEach((step, index) => out.push({ where: `steps[${index}]`, text: step.text }));
  if (item.legal_note) {
    out.push({ where: 'legal_note', text: item.legal_note });
  }
  item.facts.forEach((fact, index) => out.push({ where: `facts[${index}]`, text: fact.text }));
  return out;
}

/** Fails with every offender on its own line, so the message is readable without a debugger. */
function expectNone(offenders: string[]): void {
  expect(offenders, `\n${offenders.join('\n')}\n`).toEqual([]);
}

describe('checklist item files', () => {
  it('has an items folder with at least one file', () => {
    expect(loaded.length, `no JSON files in ${ITEMS_DIR}`).toBeGreaterThan(0);
  });

  it('validates every file against the zod schema', () => {
    expectNone(parseErrors);
  });

  it('names every file after its category and keeps items in their own category', () => {
    const offenders: string[] = [];
    for (const file of parsedFiles) {
      if (file.fileName !== `${file.category}.json`) {
        offenders.push(`${file.fileName} declares category "${file.category}"`);
      }
      for (const item of file.items) {
        if (item.category !== file.category) {
          offenders.push(`${file.fileName}: ${item.id} has category "${item.category}"`);
        }
      }
    }
    expectNone(offenders);
  });

  it('has a file for every category', () => {
    const present = new Set(parsedFiles.map((file) => file.category));
    const missing = CATEGORIES.filter((category) => !present.has(category));
    expect(missing, `categories without a file: ${missing.join(', ')}`).toEqual([]);
  });

  it(`holds at least ${MIN_TOTAL_ITEMS} items in total`, () => {
    expect(allItems.length).toBeGreaterThanOrEqual(MIN_TOTAL_ITEMS);
  });

  it('uses every item id only once across all files', () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const file of parsedFiles) {
      for (const item of file.items) {
        const first = seen.get(item.id);
        if (first !== undefined) {
          duplicates.push(`${item.id} (${first} and ${file.fileName})`);
        } else {
          seen.set(item.id, file.fileName);
        }
      }
    }
    expectNone(duplicates);
  });

  it('prefixes every id with its category short name', () => {
    const prefixes: Record<string, string> = {
      foundations: 'fnd-',
      devices: 'dev-',
      accounts: 'acc-',
      messengers: 'msg-',
      sim: 'sim-',
      browsing: 'web-',
      seizure: 'sei-',
      social: 'soc-',
      payments: 'pay-',
      protests: 'pro-',
      travel: 'trv-',
      groups: 'grp-',
      trainers: 'trn-',
    };
    const offenders = allItems
      .filter((item) => !item.id.startsWith(prefixes[item.category] ?? '\u0000'))
      .map((item) => `${item.id} (${item.category})`);
    expectNone(offenders);
  });
});

describe('checklist item text', () => {
  it('has non-empty text in every locale for title, why, steps, legal notes and facts', () => {
    const offenders: string[] = [];
    for (const item of allItems) {
      for (const { where, text } of localizedTexts(item)) {
        for (const locale of LOCALES) {
          const value = text[locale];
          if (typeof value !== 'string' || value.trim().length === 0) {
            offenders.push(`${item.id} ${where}.${locale}`);
          }
        }
      }
    }
    expectNone(offenders);
  });

  it('writes Russian and Ukrainian titles and reasons in Cyrillic', () => {
    const offenders: string[] = [];
    for (const item of allItems) {
      for (const where of ['title', 'why'] as const) {
        for (const locale of ['ru', 'uk'] as const) {
          if (!CYRILLIC.test(item[where][locale])) {
            offenders.push(`${item.id} ${where}.${locale}`);
          }
        }
      }
    }
    expectNone(offenders);
  });

  it('does not mix Russian-only letters into Ukrainian titles or Ukrainian-only letters into Russian titles', () => {
    const offenders: string[] = [];
    for (const item of allItems) {
      if (RUSSIAN_ONLY.test(item.title.uk)) {
        offenders.push(`${item.id} title.uk: "${item.title.uk}"`);
      }
      if (UKRAINIAN_ONLY.test(item.title.ru)) {
        offenders.push(`${item.id} title.ru: "${item.title.ru}"`);
      }
    }
    expectNone(offenders);
  });

  it('has a Ukrainian title and reason that differ from the Russian ones (a copy is a defect)', () => {
    const offenders: string[] = [];
    for (const item of allItems) {
      for (const where of ['title', 'why'] as const) {
        if (item[where].uk.trim() === item[where].ru.trim()) {
          offenders.push(`${item.id} ${where}`);
        }
      }
    }
    expectNone(offenders);
  });

  it('writes the app’s name as a name, «Тихо», never the bare adverb (language review rule 1)', () => {
    const offenders: string[] = [];
    for (const item of allItems) {
      for (const { where, text } of localizedTexts(item)) {
        for (const locale of ['ru', 'uk'] as const) {
          if (/(?<!«)Тихо(?!»)/.test(text[locale] ?? '')) offenders.push(`${item.id} ${where}.${locale}`);
        }
      }
    }
    expectNone(offenders);
  });

  it('keeps English text in English (no Cyrillic in English titles)', () => {
    const offenders = allItems.filter((item) => CYRILLIC.test(item.title.en)).map((item) => item.id);
    expectNone(offenders);
  });
});

describe('checklist dates and sources', () => {
  // An item past review_by is not a test failure: the app shows it as "may be outdated" with the
  // day its facts were checked, which is the honest state of content nobody has re-checked.

  it('keeps each review on its cycle: 3 months for fast-moving topics, 6 for dated facts, 12 otherwise', () => {
    expectNone(reviewCycleOffenders(allItems));
  });

  it('dates last_reviewed by the facts actually checked, never later without a recorded review', () => {
    expectNone(reviewDateOffenders(allItems));
  });

  it('has no last_reviewed date in the future and no fact dated after its review', () => {
    const offenders: string[] = [];
    for (const item of allItems) {
      if (item.last_reviewed > today) {
        offenders.push(`${item.id}: last_reviewed ${item.last_reviewed} is in the future`);
      }
      item.facts.forEach((fact, index) => {
        if (fact.as_of > item.last_reviewed) {
          offenders.push(`${item.id} facts[${index}]: as_of ${fact.as_of} after last_reviewed`);
        }
      });
    }
    expectNone(offenders);
  });

  it('gives one fact one date: every fact citing the same page has the same as_of', () => {
    expectNone(oneDatePerSourceOffenders(allItems));
  });

  it('cites original outlets: no mirror, reprint, aggregator, AMP, ?p= or archive link', () => {
    expectNone(sourceOffenders(allItems));
  });

  it('starts the title of a country-specific item with its country in every language', () => {
    expectNone(countryTitleOffenders(allItems));
  });
});

describe('live items', () => {
  it('uses every live check at most once', () => {
    const counts = new Map<string, string[]>();
    for (const item of allItems) {
      if (item.live !== undefined) {
        counts.set(item.live, [...(counts.get(item.live) ?? []), item.id]);
      }
    }
    const offenders = [...counts.entries()]
      .filter(([, ids]) => ids.length > 1)
      .map(([live, ids]) => `${live}: ${ids.join(', ')}`);
    expectNone(offenders);
  });
});

describe('incidents.json', () => {
  it('exists and validates against the incidents schema', () => {
    expect(fs.existsSync(INCIDENTS_FILE), `missing ${INCIDENTS_FILE}`).toBe(true);
    const result = incidentsFileSchema.safeParse(readJson(INCIDENTS_FILE));
    expect(result.success, result.success ? '' : JSON.stringify(result.error.issues.slice(0, 5))).toBe(true);
  });

  it('points only at existing items and questions, and every answer leads somewhere', () => {
    expect(fs.existsSync(INCIDENTS_FILE), `missing ${INCIDENTS_FILE}`).toBe(true);
    const parsed = incidentsFileSchema.parse(readJson(INCIDENTS_FILE));
    const offenders: string[] = [];
    const incidentIds = new Set<string>();
    for (const incident of parsed.incidents) {
      if (incidentIds.has(incident.id)) {
        offenders.push(`duplicate incident id ${incident.id}`);
      }
      incidentIds.add(incident.id);
      const questionIds = new Set<string>();
      for (const question of incident.questions) {
        if (questionIds.has(question.id)) {
          offenders.push(`${incident.id}: duplicate question id ${question.id}`);
        }
        questionIds.add(question.id);
      }
      if (!questionIds.has(incident.first)) {
        offenders.push(`${incident.id}: first question "${incident.first}" does not exist`);
      }
      for (const question of incident.questions) {
        question.answers.forEach((answer, index) => {
          const where = `${incident.id}/${question.id}/answers[${index}]`;
          for (const itemId of answer.items) {
            if (!allItemIds.has(itemId)) {
              offenders.push(`${where}: unknown item "${itemId}"`);
            }
          }
          if (answer.next !== undefined && !questionIds.has(answer.next)) {
            offenders.push(`${where}: unknown next question "${answer.next}"`);
          }
          if (answer.items.length === 0 && answer.next === undefined) {
            offenders.push(`${where}: leads to no item and no question`);
          }
        });
      }
    }
    expectNone(offenders);
  });
});

describe('help-contacts.json', () => {
  it('exists, validates, has unique ids and is not past its review date', () => {
    expect(fs.existsSync(HELP_CONTACTS_FILE), `missing ${HELP_CONTACTS_FILE}`).toBe(true);
    const result = helpContactsFileSchema.safeParse(readJson(HELP_CONTACTS_FILE));
    expect(result.success, result.success ? '' : JSON.stringify(result.error.issues.slice(0, 5))).toBe(true);
    if (!result.success) {
      return;
    }
    const ids = result.data.contacts.map((contact) => contact.id);
    expect(new Set(ids).size, `duplicate contact ids in ${ids.join(', ')}`).toBe(ids.length);
    expect(result.data.review_by > today, `help contacts review_by ${result.data.review_by} is past`).toBe(
      true,
    );
    expect(result.data.review_by > result.data.last_reviewed).toBe(true);
  });

  it('dates every route by the organisation’s own channel and cites no mirror, reprint or AMP page', () => {
    expectNone(helpContactOffenders(helpContactsFileSchema.parse(readJson(HELP_CONTACTS_FILE))));
  });
});
