import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Language } from '../../../shared/settings';

/** Maps the pgp service's label keys (`contact.field.where`) to the readable words of a request. */
export type LabelFn = (key: string) => string;

type Catalog = Record<string, unknown>;

function lookup(catalog: Catalog, dotted: string): string | null {
  let node: unknown = catalog;
  for (const part of dotted.split('.')) {
    if (typeof node !== 'object' || node === null) return null;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : null;
}

/**
 * The readable part of a request is written in the person's UI language, from the same catalog
 * the screen uses (resources/locales/<lng>/contact.json), so the team reads the labels the person
 * saw. The service's keys start with `contact.`, which is that namespace; English fills gaps and
 * the bare key is the last resort, so a missing word never blocks a request.
 */
export function createRequestLabeler(resourcesDir: string): (language: Language) => Promise<LabelFn> {
  const cache = new Map<string, Catalog>();
  const load = async (language: string): Promise<Catalog> => {
    const hit = cache.get(language);
    if (hit) return hit;
    let catalog: Catalog = {};
    try {
      catalog = JSON.parse(
        await readFile(path.join(resourcesDir, 'locales', language, 'contact.json'), 'utf8'),
      ) as Catalog;
    } catch {
      catalog = {};
    }
    cache.set(language, catalog);
    return catalog;
  };
  return async (language) => {
    const primary = await load(language);
    const fallback = await load('en');
    return (key) => {
      const dotted = key.startsWith('contact.') ? key.slice('contact.'.length) : key;
      return lookup(primary, dotted) ?? lookup(fallback, dotted) ?? key;
    };
  };
}
