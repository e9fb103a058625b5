import { TikhoError } from '../../../shared/errors';
import { FORMAT_VERSION } from './formatConstants';

/**
 * Format migrations, run right after a successful unlock when the header's version is older than
 * FORMAT_VERSION. Each step upgrades exactly one version (n → n+1), must be idempotent (a crash
 * mid-way re-runs it), re-encrypts records through the normal atomic write path and writes the
 * new header LAST, so an interrupted migration still opens as the old version.
 * Version 1 is the only one so far; docs/vault-format.md §Migration describes the v1 → v2 path.
 */
export type MigrationStep = (ctx: { fromVersion: number }) => Promise<void>;

export function planMigrations(
  fromVersion: number,
  steps: ReadonlyMap<number, MigrationStep>,
): MigrationStep[] {
  if (fromVersion > FORMAT_VERSION)
    throw new TikhoError('vault/unsupported-version', { version: fromVersion });
  const plan: MigrationStep[] = [];
  for (let v = fromVersion; v < FORMAT_VERSION; v++) {
    const step = steps.get(v);
    if (!step) throw new TikhoError('vault/unsupported-version', { version: fromVersion });
    plan.push(step);
  }
  return plan;
}

/** Keyed by the version a step upgrades FROM. Empty while v1 is the only format. */
export const MIGRATION_STEPS: ReadonlyMap<number, MigrationStep> = new Map();
