import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogs } from '../../../../electron/services/i18n/catalogs';

const RESOURCES = path.resolve(import.meta.dirname, '../../../../resources');
const catalogs = loadCatalogs(RESOURCES);
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Flattens a catalog into dotted keys; arrays count as one leaf each with their length. */
function flatten(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (Array.isArray(value)) {
    out.set(prefix, `array:${value.length}`);
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      for (const [k, v] of flatten(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  } else {
    out.set(prefix, value);
  }
  return out;
}

function keysOf(language: string): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const [ns, data] of Object.entries(catalogs[language] ?? {}))
    result.set(ns, new Set(flatten(data).keys()));
  return result;
}

const NAMESPACES = fs.readdirSync(path.join(RESOURCES, 'locales/en')).map((f) => f.replace(/\.json$/, ''));

describe('locale catalogs', () => {
  it('every locale has the same namespaces', () => {
    for (const lng of ['ru', 'uk']) {
      expect(fs.readdirSync(path.join(RESOURCES, 'locales', lng)).sort()).toEqual(
        fs.readdirSync(path.join(RESOURCES, 'locales/en')).sort(),
      );
    }
  });

  it.each(NAMESPACES)('%s: ru and uk have the keys en has, and no others (plural suffixes aside)', (ns) => {
    const base = (keys: Set<string>): string[] =>
      [...new Set([...keys].map((k) => k.replace(PLURAL, '')))].sort();
    const en = keysOf('en').get(ns) ?? new Set();
    for (const lng of ['ru', 'uk']) {
      expect(base(keysOf(lng).get(ns) ?? new Set()), `${lng}/${ns}.json`).toEqual(base(en));
    }
  });

  it.each(NAMESPACES)('%s: ru and uk have one/few/many/other wherever en has a plural', (ns) => {
    const en = [...(keysOf('en').get(ns) ?? [])]
      .filter((k) => k.endsWith('_other'))
      .map((k) => k.slice(0, -6));
    for (const lng of ['ru', 'uk']) {
      const keys = keysOf(lng).get(ns) ?? new Set();
      for (const stem of en) {
        for (const form of ['one', 'few', 'many', 'other']) {
          expect(keys.has(`${stem}_${form}`), `${lng}/${ns}: ${stem}_${form}`).toBe(true);
        }
      }
    }
  });

  it.each(NAMESPACES)('%s: no empty strings and arrays of the same length', (ns) => {
    const en = flatten(catalogs.en?.[ns]);
    for (const lng of ['en', 'ru', 'uk']) {
      for (const [key, value] of flatten(catalogs[lng]?.[ns])) {
        expect(value, `${lng}/${ns}: ${key}`).not.toBe('');
        if (typeof value === 'string' && value.startsWith('array:')) expect(value).toBe(en.get(key));
      }
    }
  });

  it('ru and uk texts are not copies of English', () => {
    for (const lng of ['ru', 'uk']) {
      const common = flatten(catalogs[lng]?.common);
      expect(String(common.get('nav.notebook'))).toMatch(/[а-яіїєґ]/i);
    }
  });
});
