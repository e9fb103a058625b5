import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKLIST_COLLECTION } from '../../../../electron/services/checklist/checklistService';
import { DRAFTS_COLLECTION } from '../../../../electron/services/drafts/draftStore';
import { CONFIG_COLLECTION, PANIC_DRILLS_COLLECTION } from '../../../../electron/services/panic/panicConfig';
import { COLLECTIONS as PGP_COLLECTIONS } from '../../../../electron/services/pgp/recordJson';
import {
  COLLECTIONS as LEGACY_SIGNAL,
  STATE_COLLECTIONS,
} from '../../../../electron/services/signal/recordCollections';
import { ATTACHMENT_META_COLLECTION } from '../../../../electron/services/vault/attachmentStore';
import { registeredCollections } from '../../../../electron/services/vault/collections';
import { NOTES_COLLECTION } from '../../../../electron/services/vault/notebook';
import { VAULT_META_COLLECTION } from '../../../../electron/services/vault/vaultService';

describe('the registry of record collections', () => {
  const names = registeredCollections().map((c) => c.name);

  it('names every collection once, each one following the record store rule', () => {
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9-]{0,31}$/);
  });

  it("is where every service's own constant comes from", () => {
    const declared = [
      VAULT_META_COLLECTION,
      NOTES_COLLECTION,
      ATTACHMENT_META_COLLECTION,
      CHECKLIST_COLLECTION,
      CONFIG_COLLECTION,
      PANIC_DRILLS_COLLECTION,
      DRAFTS_COLLECTION,
      ...Object.values(PGP_COLLECTIONS),
      ...Object.values(STATE_COLLECTIONS),
    ];
    for (const name of declared) expect(names).toContain(name);
  });

  it('keeps the pre-epoch channel collections out of the current names', () => {
    for (const legacy of Object.values(LEGACY_SIGNAL)) expect(names).not.toContain(legacy);
  });

  it('is the only place a service spells a collection name', () => {
    // Single-word names ('notes', 'drafts', 'checklist') are also service and Pick keys, so only
    // the hyphenated ones can be told apart in source text; they are most of the table.
    const spelled = names.filter((name) => name.includes('-'));
    const root = path.resolve('electron/services');
    const repeats: string[] = [];
    for (const entry of fs.readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      const file = entry.split(path.sep).join('/');
      if (!file.endsWith('.ts') || file === 'vault/collections.ts') continue;
      const source = fs.readFileSync(path.join(root, entry), 'utf8');
      for (const name of spelled) if (source.includes(`'${name}'`)) repeats.push(`${file}: ${name}`);
    }
    expect(repeats).toEqual([]);
  });
});
