import fs from 'node:fs';
import path from 'node:path';
import type { Resource } from 'i18next';
import { LANGUAGES } from '../../../shared/settings';

/**
 * Reads every catalog under <resourcesDir>/locales/<lng>/<namespace>.json. Main and the renderer
 * use the very same files (docs/architecture.md §i18n), so a menu and the screen beside it never disagree.
 */
export function loadCatalogs(resourcesDir: string): Resource {
  const resources: Resource = {};
  for (const language of LANGUAGES) {
    const dir = path.join(resourcesDir, 'locales', language);
    const bundle: Record<string, Record<string, unknown>> = {};
    for (const file of fs.readdirSync(dir)) {
      if (!file.endsWith('.json')) continue;
      bundle[file.slice(0, -'.json'.length)] = JSON.parse(
        fs.readFileSync(path.join(dir, file), 'utf8'),
      ) as Record<string, unknown>;
    }
    resources[language] = bundle;
  }
  return resources;
}
