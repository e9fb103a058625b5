/**
 * Format migrations. Format 1 → 2 changed only the header: headerFile.ts `settle()` converts it
 * during unlock (new file complete and durable first, then the old one overwritten with random
 * bytes and unlinked), so no record needs rewriting and there is no step to run here. A later
 * format that changes records adds its steps here, keyed by the version they upgrade FROM,
 * idempotent (a crash re-runs them), header written LAST (docs/vault-format.md §Migration).
 */
export {};
