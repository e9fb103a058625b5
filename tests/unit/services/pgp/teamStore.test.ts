import { describe, expect, it } from 'vitest';
import { createPgpService } from '../../../../electron/services/pgp';
import { createMemoryRecordStore } from '../../../../electron/services/vault/recordStore';
import { makeFixtureTeam } from '../../../fixtures/pgp/teamCards';
import { codeOf } from './helpers';

const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms);

describe('team store', () => {
  it('records a new team as unverified and verifies it only with the matching fingerprint', async () => {
    const service = createPgpService({ records: createMemoryRecordStore() });
    const team = await makeFixtureTeam();
    const result = await service.importCard(team.card);
    expect(result.kind).toBe('new');
    expect(result.team.verification).toBe('unverified');

    const wrong = `${team.key.fingerprint.slice(0, 39)}${team.key.fingerprint.endsWith('0') ? '1' : '0'}`;
    expect(await codeOf(service.markVerified('example-support', wrong))).toBe(
      'pgp/team-fingerprint-mismatch',
    );
    expect((await service.getTeam('example-support'))?.verification).toBe('unverified');

    // The user types it as shown: groups of four, any case, with spaces.
    const typed = result.team.fingerprintGroups.join(' ').toLowerCase();
    const verified = await service.markVerified('example-support', typed);
    expect(verified.verification).toBe('verified');
    expect(verified.verifiedAt).not.toBeNull();
    expect(await codeOf(service.markVerified('nobody-here', team.key.fingerprint))).toBe('pgp/unknown-team');
  });

  it('warns loudly and keeps the stored key when a known team arrives with another key', async () => {
    const service = createPgpService({ records: createMemoryRecordStore() });
    const original = await makeFixtureTeam();
    await service.importCard(original.card);
    await service.markVerified('example-support', original.key.fingerprint);

    const impostor = await makeFixtureTeam({ teamName: 'Example Support Desk (new key)' });
    const result = await service.importCard(impostor.card);
    expect(result.kind).toBe('key-changed');
    if (result.kind !== 'key-changed') return;
    expect(result.previousFingerprint).toBe(original.key.fingerprint);
    expect(result.newFingerprint).toBe(impostor.key.fingerprint);

    const stored = await service.getTeam('example-support');
    expect(stored?.fingerprint).toBe(original.key.fingerprint);
    expect(stored?.verification).toBe('verified');
    expect(stored?.teamName).toBe('Example Support Desk');
    expect(stored?.pendingKeyChange?.fingerprint).toBe(impostor.key.fingerprint);

    await service.rejectChangedKey('example-support');
    expect((await service.getTeam('example-support'))?.pendingKeyChange).toBeNull();
    expect(await codeOf(service.acceptChangedKey('example-support'))).toBe('pgp/no-pending-key-change');
  });

  it('swaps the key only on explicit acceptance, and then the team is unverified again', async () => {
    const service = createPgpService({ records: createMemoryRecordStore() });
    const original = await makeFixtureTeam();
    await service.importCard(original.card);
    await service.markVerified('example-support', original.key.fingerprint);
    const rotated = await makeFixtureTeam();
    await service.importCard(rotated.card);

    const accepted = await service.acceptChangedKey('example-support');
    expect(accepted.fingerprint).toBe(rotated.key.fingerprint);
    expect(accepted.verification).toBe('unverified');
    expect(accepted.pendingKeyChange).toBeNull();
  });

  it('takes a newer card with the same key and ignores an older one', async () => {
    const first = new Date('2026-01-01T00:00:00Z');
    const records = createMemoryRecordStore();
    const service = createPgpService({ records });
    const team = await makeFixtureTeam({}, first);
    await service.importCard(team.card);
    await service.markVerified('example-support', team.key.fingerprint);

    const { createCard } = await import('../../../../electron/services/pgp');
    const { SAMPLE_CARD_FIELDS } = await import('../../../fixtures/pgp/teamCards');
    const newer = await createCard(
      team.key.armoredSecret,
      { ...SAMPLE_CARD_FIELDS, channels: { email: 'new@example.org' } },
      { now: later(first.toISOString(), 86_400_000) },
    );
    const updated = await service.importCard(newer);
    expect(updated.kind).toBe('updated');
    expect(updated.team.channels.email).toBe('new@example.org');
    expect(updated.team.verification).toBe('verified');

    const replayed = await service.importCard(team.card);
    expect(replayed.kind).toBe('unchanged');
    expect(replayed.team.channels.email).toBe('new@example.org');
  });

  it('loads organisation cards from a folder and reports the bad ones', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const pathModule = await import('node:path');
    const join = (...parts: string[]): string => pathModule.join(...parts);
    const dir = await mkdtemp(join(tmpdir(), 'tikho-org-'));
    try {
      const team = await makeFixtureTeam({ teamId: 'org-desk' });
      await writeFile(join(dir, 'org-desk.asc'), team.card);
      await writeFile(join(dir, 'broken.asc'), team.card.replace('org-desk', 'org-dusk'));
      await writeFile(join(dir, 'notes.txt'), 'ignored');
      const logged: string[] = [];
      const service = createPgpService({
        records: createMemoryRecordStore(),
        logger: { warn: (msg, meta) => logged.push(`${msg} ${String(meta?.code)}`) },
      });
      const result = await service.importOrgCards(dir);
      expect(result.results.map((r) => r.kind)).toEqual(['new']);
      expect(result.errors).toEqual([{ file: 'broken.asc', code: 'pgp/card-bad-signature' }]);
      expect(logged).toEqual(['org card rejected pgp/card-bad-signature']);
      expect((await service.listTeams()).map((t) => [t.teamId, t.verification])).toEqual([
        ['org-desk', 'unverified'],
      ]);
      expect((await service.importOrgCards(join(dir, 'missing'))).results).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
