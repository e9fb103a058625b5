import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * tests/unit mirrors the source tree, so the tests of a file are found from its path alone
 * (the rule is written out in tests/README.md): each top folder stands for one source root, and
 * every folder below it must exist under that root. Tests of root config files sit in repo/,
 * which therefore has no sub-folders.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const UNIT = path.join(ROOT, 'tests/unit');

const SOURCE_ROOTS: Readonly<Record<string, string>> = {
  main: 'electron/main',
  services: 'electron/services',
  renderer: 'renderer/src',
  shared: 'shared',
  scripts: 'scripts',
  resources: 'resources',
  repo: '.',
};

/** Folders that hold files, at any depth: git keeps no empty folder, so a stale one is no stray. */
function foldersUnder(dir: string): string[] {
  const folders = new Set<string>();
  for (const file of filesUnder(dir))
    for (let folder = path.dirname(file); folder !== dir; folder = path.dirname(folder)) folders.add(folder);
  return [...folders].sort();
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** The source folder a folder of tests/unit stands for, or why it stands for none. */
function sourceFolderOf(testFolder: string): { source: string } | { problem: string } {
  const [top = '', ...rest] = path.relative(UNIT, testFolder).split(path.sep);
  const root = SOURCE_ROOTS[top];
  if (root === undefined) return { problem: `${top}/ is not one of ${Object.keys(SOURCE_ROOTS).join(', ')}` };
  if (top === 'repo' && rest.length > 0)
    return { problem: 'repo/ holds root config tests only, no sub-folders' };
  const source = path.join(root, ...rest);
  return fs.existsSync(path.join(ROOT, source)) && fs.statSync(path.join(ROOT, source)).isDirectory()
    ? { source }
    : { problem: `${source}/ does not exist` };
}

describe('tests/unit mirrors the source tree', () => {
  it('every folder of tests/unit stands for an existing source folder', () => {
    const strays = foldersUnder(UNIT).flatMap((folder) => {
      const mapped = sourceFolderOf(folder);
      return 'problem' in mapped ? [`tests/unit/${path.relative(UNIT, folder)}/: ${mapped.problem}`] : [];
    });
    expect(strays).toEqual([]);
  });

  it('holds no file outside those folders, and only TypeScript', () => {
    const loose = fs
      .readdirSync(UNIT, { withFileTypes: true })
      .filter((entry) => !entry.isDirectory())
      .map((entry) => `tests/unit/${entry.name}`);
    const notTs = filesUnder(UNIT)
      .filter((file) => !file.endsWith('.ts'))
      .map((file) => path.relative(ROOT, file));
    expect([...loose, ...notTs]).toEqual([]);
  });

  it('a <parser>.fuzz.test.ts is named for a source file in the folder it mirrors', () => {
    const misnamed = filesUnder(UNIT)
      .filter((file) => file.endsWith('.fuzz.test.ts'))
      .filter((file) => {
        const mapped = sourceFolderOf(path.dirname(file));
        const parser = path.basename(file, '.fuzz.test.ts');
        return !('source' in mapped && fs.existsSync(path.join(ROOT, mapped.source, `${parser}.ts`)));
      })
      .map((file) => path.relative(ROOT, file));
    expect(misnamed).toEqual([]);
  });

  it('every fuzz target in tests/fuzz is run by some .fuzz.test.ts', () => {
    const fuzzTests = filesUnder(UNIT)
      .filter((file) => file.endsWith('.fuzz.test.ts'))
      .map((file) => fs.readFileSync(file, 'utf8'))
      .join('\n');
    const targets = filesUnder(path.join(ROOT, 'tests/fuzz')).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/^export const (\w+): FuzzTarget\b/gm)].map(
        (m) => m[1] ?? '',
      ),
    );
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((name) => !fuzzTests.includes(`describeFuzz(${name})`))).toEqual([]);
  });
});
