import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogs } from '../../../electron/services/i18n/catalogs';
import { ERROR_CODES, isErrorCode } from '../../../shared/errorCodes';

/**
 * Every error code main can throw reaches the person as a translated message (issue 2: bad
 * input gets a clear, translated error). The renderer looks up `errors:<code>`, then
 * `<domain>:errors.<name>`; this test does the same for every code literal in the source.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const catalogs = loadCatalogs(path.join(ROOT, 'resources'));
const CODE = /'((?:vault|pgp|channel|panic|notes|checklist|contact|desk|ipc)\/[a-z][a-z0-9-]*)'/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const REGISTRY = path.join(ROOT, 'shared', 'errorCodes.ts');
const usedOutsideRegistry = new Set<string>();
const codes = new Set<string>();
for (const file of [...sourceFiles(path.join(ROOT, 'electron')), ...sourceFiles(path.join(ROOT, 'shared'))]) {
  for (const match of fs.readFileSync(file, 'utf8').matchAll(CODE))
    if (match[1]) {
      codes.add(match[1]);
      if (file !== REGISTRY) usedOutsideRegistry.add(match[1]);
    }
}

function lookup(language: string, code: string): unknown {
  const [domain = '', name = ''] = code.split('/');
  const errors = catalogs[language]?.errors as Record<string, unknown> | undefined;
  if (errors?.[code] !== undefined) return errors[code];
  const ns = catalogs[language]?.[domain] as { errors?: Record<string, unknown> } | undefined;
  return ns?.errors?.[name];
}

describe('error codes', () => {
  it('finds the codes in the source', () => {
    expect(codes.size).toBeGreaterThan(50);
  });
  it('every code in the source is declared in shared/errorCodes.ts, and every declared one is used', () => {
    expect([...codes].filter((code) => !isErrorCode(code)).sort()).toEqual([]);
    expect(ERROR_CODES.filter((code) => !usedOutsideRegistry.has(code))).toEqual([]);
  });
  it.each(['en', 'ru', 'uk'])('every code has a %s message', (language) => {
    const missing = [...new Set([...codes, ...ERROR_CODES])]
      .filter((code) => typeof lookup(language, code) !== 'string')
      .sort();
    expect(missing).toEqual([]);
  });
});
