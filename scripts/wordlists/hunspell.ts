import { readFileSync } from 'node:fs';

/** Just enough of a hunspell dictionary to tell standard spellings and inflected forms (suffixes only). */
export interface Hunspell {
  stems: Set<string>;
  forms(stem: string): string[];
  /** How many stems (any part of speech, the stem itself counted) produce each of `wanted`. */
  producers(wanted: Set<string>): Map<string, number>;
}

interface SuffixRule {
  strip: string;
  add: string;
  condition: RegExp;
}

function readSuffixRules(aff: string): Map<string, SuffixRule[]> {
  const rules = new Map<string, SuffixRule[]>();
  for (const line of aff.split('\n')) {
    const parts = line.trim().split(/\s+/u);
    // Rule lines have five or more fields; the block header ("SFX A Y 12") has four.
    if (parts[0] !== 'SFX' || parts.length < 5) continue;
    const [, flag = '', strip = '', addField = '', condition = '.'] = parts;
    const add = addField.split('/')[0] ?? '';
    const list = rules.get(flag) ?? [];
    list.push({
      strip: strip === '0' ? '' : strip,
      add: add === '0' ? '' : add,
      condition: new RegExp(`${condition}$`, 'u'),
    });
    rules.set(flag, list);
  }
  return rules;
}

function readStems(dic: string): Map<string, string> {
  const stems = new Map<string, string>();
  for (const line of dic.split('\n').slice(1)) {
    const entry = line.trim().split(/\s+/u)[0] ?? '';
    if (entry.length === 0) continue;
    const slash = entry.indexOf('/');
    const word = slash < 0 ? entry : entry.slice(0, slash);
    const flags = slash < 0 ? '' : entry.slice(slash + 1);
    stems.set(word, (stems.get(word) ?? '') + flags);
  }
  return stems;
}

/** `base` without extension: reads base.aff and base.dic. */
export function readHunspell(base: string): Hunspell {
  const rules = readSuffixRules(readFileSync(`${base}.aff`, 'utf8'));
  const stems = readStems(readFileSync(`${base}.dic`, 'utf8'));
  const forms = (stem: string): string[] => {
    const out: string[] = [];
    for (const flag of stems.get(stem) ?? '') {
      for (const rule of rules.get(flag) ?? []) {
        if (rule.condition.test(stem) && stem.endsWith(rule.strip))
          out.push(stem.slice(0, stem.length - rule.strip.length) + rule.add);
      }
    }
    return out;
  };
  return {
    stems: new Set(stems.keys()),
    forms,
    producers(wanted) {
      const counts = new Map<string, number>();
      for (const stem of stems.keys()) {
        for (const f of new Set([stem, ...forms(stem)])) {
          if (wanted.has(f)) counts.set(f, (counts.get(f) ?? 0) + 1);
        }
      }
      return counts;
    },
  };
}

/** Endings of the forms that mark a stem as a noun, and those that mark it as something else. */
interface NounEndings {
  noun: string[];
  notNoun: string[];
}

/**
 * Instrumental singular and dative/instrumental plural are nouns'; -ого/-ому/-ими/-ыми and the
 * feminine adjective's -ої/-ую belong to adjectives and participles, -ть/-ти/-ся to verbs.
 */
export const NOUN_ENDINGS: Record<'ru' | 'uk', NounEndings> = {
  ru: {
    noun: ['ом', 'ем', 'ой', 'ей', 'ою', 'ею', 'ам', 'ям', 'ами', 'ями'],
    notNoun: ['ого', 'ому', 'ими', 'ыми', 'ую', 'ть', 'ться', 'ся', 'ти'],
  },
  uk: {
    noun: ['ом', 'ем', 'єм', 'ою', 'ею', 'єю', 'ам', 'ям', 'ами', 'ями'],
    notNoun: ['ого', 'ому', 'ими', 'ої', 'ти', 'ться', 'тися'],
  },
};

/** Hunspell files have no part of speech: a stem that declines like a noun and never like anything else is taken as one. */
export function isNounForms(word: string, forms: string[], endings: NounEndings): boolean {
  if (endings.notNoun.some((e) => word.endsWith(e))) return false;
  if (forms.some((f) => endings.notNoun.some((e) => f.endsWith(e)))) return false;
  return forms.some((f) => endings.noun.some((e) => f.endsWith(e)));
}
