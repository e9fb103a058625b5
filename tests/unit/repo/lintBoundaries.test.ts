import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The process boundaries are folders and lint enforces them (docs/architecture.md). These
 * probes are real files in the real folders, linted with the project's own config, so removing
 * a rule fails this test.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const PROBES: Record<string, string> = {
  'renderer/src/lintProbeNode.ts': "import fs from 'node:fs';\nexport const probe = fs;\n",
  'renderer/src/lintProbeMain.ts':
    "import { createVaultService } from '../../electron/services/vault/vaultService';\nexport const probe = createVaultService;\n",
  'renderer/src/lintProbeLiteral.tsx':
    "import type { ReactElement } from 'react';\nexport function Probe(): ReactElement {\n  return <p>Hello there</p>;\n}\n",
  'electron/services/lintProbeElectron.ts': "import { app } from 'electron';\nexport const probe = app;\n",
  'shared/lintProbeNode.ts': "import path from 'node:path';\nexport const probe = path;\n",
  'electron/main/lintProbeIpc.ts': "import { ipcMain } from 'electron';\nexport const probe = ipcMain;\n",
  'electron/services/desk/lintProbeInternal.ts':
    "import { readArmoredPublicKey } from '../pgp/keyMaterial';\nexport const probe = readArmoredPublicKey;\n",
  'electron/services/desk/lintProbeIndex.ts':
    "import { readArmoredPublicKey } from '../pgp';\nimport { createDeskService } from './deskService';\nexport const probe = [readArmoredPublicKey, createDeskService];\n",
  'electron/services/desk/lintProbeLongFunction.ts': `export function probe(): number {\n  let n = 0;\n${'  n += 1;\n'.repeat(80)}  return n;\n}\n`,
  'electron/services/desk/lintProbeLongFile.ts': `${'export const probe = 1;\n'}${'// filler\n'.repeat(300)}`,
};

let results: Map<string, string[]>;

beforeAll(async () => {
  for (const [file, text] of Object.entries(PROBES)) fs.writeFileSync(path.join(ROOT, file), text);
  const eslint = new ESLint({ cwd: ROOT });
  const linted = await eslint.lintFiles(Object.keys(PROBES));
  results = new Map(
    linted.map((r) => [path.relative(ROOT, r.filePath), r.messages.map((m) => m.ruleId ?? m.message)]),
  );
}, 120_000);

afterAll(() => {
  for (const file of Object.keys(PROBES)) fs.rmSync(path.join(ROOT, file), { force: true });
});

describe('lint boundaries', () => {
  it('the renderer imports no Node built-in', () => {
    expect(results.get('renderer/src/lintProbeNode.ts')).toContain('no-restricted-imports');
  });
  it('the renderer imports nothing under electron/', () => {
    expect(results.get('renderer/src/lintProbeMain.ts')).toContain('no-restricted-imports');
  });
  it('JSX has no literal user-visible strings', () => {
    expect(results.get('renderer/src/lintProbeLiteral.tsx')).toContain('i18next/no-literal-string');
  });
  it('services import no electron', () => {
    expect(results.get('electron/services/lintProbeElectron.ts')).toContain('no-restricted-imports');
  });
  it('shared/ imports no Node built-in', () => {
    expect(results.get('shared/lintProbeNode.ts')).toContain('no-restricted-imports');
  });
  it('ipcMain is banned outside the IPC registration', () => {
    expect(results.get('electron/main/lintProbeIpc.ts')).toContain('no-restricted-imports');
  });
  it("a service reaches into another service's files only through its index.ts", () => {
    expect(results.get('electron/services/desk/lintProbeInternal.ts')).toContain('tikho/service-boundary');
    // The same import through the index, and a file of the service's own folder, pass.
    expect(results.get('electron/services/desk/lintProbeIndex.ts')).toEqual([]);
  });
  it('a service function stays within 80 lines and a service file within 300', () => {
    expect(results.get('electron/services/desk/lintProbeLongFunction.ts')).toContain(
      'max-lines-per-function',
    );
    expect(results.get('electron/services/desk/lintProbeLongFile.ts')).toContain('max-lines');
  });
});
