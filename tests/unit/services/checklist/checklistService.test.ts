import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EMPTY_FILTER } from '../../../../shared/checklist/view';
import {
  AUTOLOCK_MAX_MINUTES,
  createChecklistService,
  type LiveSources,
} from '../../../../electron/services/checklist/checklistService';
import {
  loadChecklistContent,
  type ChecklistContent,
} from '../../../../electron/services/checklist/contentLoader';
import { liveSourcesFrom } from '../../../../electron/services/checklist/liveSources';
import { PANIC_DRILLS_COLLECTION } from '../../../../electron/services/panic/panicConfig';
import { createCard, createPgpService } from '../../../../electron/services/pgp';
import { generateLegacyCurve25519Key } from '../../../../electron/services/pgp/keyMaterial';
import { DEFAULT_SETTINGS, type Settings } from '../../../../shared/settings';
import { createMemoryRecordStore } from '../../../../electron/services/vault/recordStore';
import { allFiles, floorVault, PASS, tempDir } from '../vault/helpers';

const RESOURCES = path.resolve(__dirname, '../../../../resources');

const noLive: LiveSources = {
  autoLockMinutes: () => 60,
  recoveryCodeCreated: () => Promise.resolve(false),
  supportKeyVerified: () => Promise.resolve(false),
  panicDrilled: () => Promise.resolve(false),
};

let content: ChecklistContent | null = null;
async function realContent(): Promise<ChecklistContent> {
  content ??= await loadChecklistContent(RESOURCES);
  return content;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('content loading', () => {
  it('loads every item of the shipped content without problems', async () => {
    const loaded = await realContent();
    expect(loaded.problems).toEqual([]);
    expect(loaded.items.length).toBeGreaterThanOrEqual(75);
    expect(loaded.incidents.length).toBeGreaterThanOrEqual(4);
    expect(loaded.helpContacts?.contacts.length).toBeGreaterThanOrEqual(3);
  });

  it('skips an invalid item with a logged error instead of failing', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    await cp(path.join(RESOURCES, 'checklists'), path.join(dir, 'checklists'), { recursive: true });
    const file = path.join(dir, 'checklists/items/devices.json');
    const data = JSON.parse(await readFile(file, 'utf8')) as { items: Record<string, unknown>[] };
    const broken = data.items[0];
    if (!broken) throw new Error('no devices item');
    delete broken.why;
    await writeFile(file, JSON.stringify(data));
    await writeFile(path.join(dir, 'checklists/items/sim.json'), '{ not json');
    const logger = { error: vi.fn() };

    const loaded = await loadChecklistContent(dir, logger);

    const shipped = await realContent();
    const simCount = shipped.items.filter((item) => item.category === 'sim').length;
    expect(loaded.items.length).toBe(shipped.items.length - 1 - simCount);
    expect(loaded.items.some((item) => item.id === broken.id)).toBe(false);
    expect(loaded.problems).toHaveLength(2);
    expect(logger.error).toHaveBeenCalledTimes(2);
    // The incident answers that pointed at the skipped items no longer lead to them.
    const service = createChecklistService({
      content: loaded,
      records: createMemoryRecordStore(),
      live: noLive,
    });
    const linked = service
      .incidents('en')
      .flatMap((i) => i.questions.flatMap((q) => q.answers.flatMap((a) => a.items)));
    expect(linked).not.toContain(broken.id);
  });
});

describe('views and filters', () => {
  it('localizes every item in en, ru and uk', async () => {
    const service = createChecklistService({
      content: await realContent(),
      records: createMemoryRecordStore(),
      live: noLive,
    });
    const [en, ru, uk] = [service.items('en'), service.items('ru'), service.items('uk')];
    expect(ru.map((i) => i.id)).toEqual(en.map((i) => i.id));
    for (const [index, item] of uk.entries()) {
      expect(item.title).not.toBe(en[index]?.title);
      expect(item.title).toMatch(/[\u0400-\u04FF]/);
    }
  });

  it('filters by scope (ALL matches every scope), priority, kind, category and scenario', async () => {
    const service = createChecklistService({
      content: await realContent(),
      records: createMemoryRecordStore(),
      live: noLive,
    });
    const ua = service.filter('en', { ...EMPTY_FILTER, scope: 'UA' });
    expect(ua.length).toBeGreaterThan(0);
    expect(ua.every((i) => i.scope.includes('UA') || i.scope.includes('ALL'))).toBe(true);
    expect(ua.some((i) => i.scope.length === 1 && i.scope[0] === 'RU')).toBe(false);

    const essentialHabits = service.filter('en', {
      ...EMPTY_FILTER,
      priorities: ['essential'],
      kinds: ['habit'],
    });
    expect(essentialHabits.every((i) => i.priority === 'essential' && i.kind === 'habit')).toBe(true);

    const protest = service.filter('en', { ...EMPTY_FILTER, scenario: 'protest', categories: ['devices'] });
    expect(protest.length).toBeGreaterThan(0);
    expect(protest.every((i) => i.scenarios.includes('protest') && i.category === 'devices')).toBe(true);

    const all = service.items('en');
    expect(service.filter('en', EMPTY_FILTER)).toHaveLength(all.length);
  });

  it('marks items outdated only after review_by, by the injected clock', async () => {
    const loaded = await realContent();
    const at = (iso: string) =>
      createChecklistService({
        content: loaded,
        records: createMemoryRecordStore(),
        live: noLive,
        clock: () => new Date(iso),
      });
    const item = loaded.items[0];
    if (!item) throw new Error('no items');

    expect(
      at(`${item.review_by}T23:00:00Z`)
        .items('en')
        .find((i) => i.id === item.id)?.outdated,
    ).toBe(false);
    const later = new Date(`${item.review_by}T12:00:00Z`);
    later.setUTCDate(later.getUTCDate() + 1);
    expect(
      at(later.toISOString())
        .items('en')
        .find((i) => i.id === item.id)?.outdated,
    ).toBe(true);
    expect(at('2099-01-01T00:00:00Z').outdatedIds()).toHaveLength(loaded.items.length);
    // With the real clock, exactly the items nobody re-checked in time say "may be outdated"
    // (issue 13 §2: honest dates make this fire; before, every item claimed a fresh review).
    const today = new Date().toISOString().slice(0, 10);
    expect(
      createChecklistService({
        content: loaded,
        records: createMemoryRecordStore(),
        live: noLive,
      })
        .outdatedIds()
        .sort(),
    ).toEqual(
      loaded.items
        .filter((candidate) => candidate.review_by < today)
        .map((candidate) => candidate.id)
        .sort(),
    );
  });
});

describe('progress', () => {
  it('is stored in the vault, encrypted, and survives lock and unlock', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const vault = floorVault(dir);
    await vault.create(PASS, { withRecoveryCode: false });
    const loaded = await realContent();
    const service = createChecklistService({ content: loaded, records: vault.records, live: noLive });
    const [a, b] = loaded.items.filter((item) => item.live === undefined);
    if (!a || !b) throw new Error('need two plain items');

    await service.setAnswers({ scope: 'UA', roles: ['activist'] });
    await service.setStatus(a.id, 'done');
    await service.setStatus(b.id, 'na');

    // No item id, status word or answer appears in any file of the vault folder.
    for (const file of await allFiles(dir)) {
      const bytes = (await readFile(file)).toString('latin1');
      for (const marker of [a.id, b.id, '"done"', '"statuses"', 'activist'])
        expect(bytes).not.toContain(marker);
    }

    await vault.lock();
    await expect(service.progress()).rejects.toMatchObject({ code: 'vault/locked' });
    await expect(service.setStatus(a.id, 'todo')).rejects.toMatchObject({ code: 'vault/locked' });

    expect((await vault.unlock(PASS)).ok).toBe(true);
    const progress = await service.progress();
    expect(progress.statuses[a.id]).toEqual({ status: 'done', auto: false });
    expect(progress.statuses[b.id]).toEqual({ status: 'na', auto: false });
    expect(await service.getAnswers()).toEqual({ scope: 'UA', roles: ['activist'] });
    await vault.lock();
  });

  it('tallies per category and priority over the answered scope, and wipes in one action', async () => {
    const loaded = await realContent();
    const records = createMemoryRecordStore();
    const service = createChecklistService({ content: loaded, records, live: noLive });
    await service.setAnswers({ scope: 'RU', roles: ['journalist'] });
    const target = loaded.items.find(
      (item) =>
        item.live === undefined &&
        item.priority === 'essential' &&
        item.roles.includes('journalist') &&
        (item.scope.includes('RU') || item.scope.includes('ALL')),
    );
    if (!target) throw new Error('no RU journalist item');
    await service.setStatus(target.id, 'done');

    const progress = await service.progress();
    const category = progress.byCategory.find((c) => c.category === target.category);
    expect(category?.tally.done).toBe(1);
    expect(progress.byPriority.find((p) => p.priority === 'essential')?.tally.done).toBe(1);
    const inScope = loaded.items.filter(
      (i) => (i.scope.includes('RU') || i.scope.includes('ALL')) && i.roles.includes('journalist'),
    ).length;
    expect(progress.byCategory.reduce((sum, c) => sum + c.tally.total, 0)).toBe(inScope);

    await service.wipeProgress({ includeAnswers: false });
    expect((await service.progress()).statuses[target.id]?.status).toBe('todo');
    expect(await service.getAnswers()).not.toBeNull();
    await service.wipeProgress({ includeAnswers: true });
    expect(await service.getAnswers()).toBeNull();
    expect(records.dump().size).toBe(0);
  });

  it('refuses an unknown item id', async () => {
    const service = createChecklistService({
      content: await realContent(),
      records: createMemoryRecordStore(),
      live: noLive,
    });
    await expect(service.setStatus('no-such-item', 'done')).rejects.toMatchObject({
      code: 'checklist/unknown-item',
    });
  });
});

describe('live items', () => {
  it('tick themselves from the real state of settings, vault, PGP teams and panic drills', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const vault = floorVault(dir);
    await vault.create(PASS, { withRecoveryCode: false });
    let settings: Settings = { ...DEFAULT_SETTINGS, autoLockMinutes: 30 };
    const live = liveSourcesFrom({
      settings: { get: () => settings },
      vault,
      pgp: createPgpService({ records: vault.records }),
    });
    const loaded = await realContent();
    const service = createChecklistService({ content: loaded, records: vault.records, live });
    const idOf = (check: string): string => {
      const item = loaded.items.find((i) => i.live === check);
      if (!item) throw new Error(`no live item ${check}`);
      return item.id;
    };

    expect(await service.liveStates()).toEqual({
      'autolock-enabled': false,
      'recovery-code-created': false,
      'support-key-verified': false,
      'panic-shortcut-drilled': false,
    });
    expect((await service.progress()).statuses[idOf('autolock-enabled')]).toEqual({
      status: 'todo',
      auto: false,
    });

    settings = { ...settings, autoLockMinutes: AUTOLOCK_MAX_MINUTES };
    await vault.createRecoveryCode(PASS);
    await vault.records.write(PANIC_DRILLS_COLLECTION, 'drill-1', Buffer.from('{}'));
    const team = await generateLegacyCurve25519Key({ now: new Date() });
    const card = await createCard(team.armoredSecret, {
      teamId: 'test-team',
      teamName: 'Test team',
      channels: { email: 'team@example.org' },
      categories: ['other'],
    });
    const pgp = createPgpService({ records: vault.records });
    await pgp.importCard(card);
    expect((await service.liveStates())['support-key-verified']).toBe(false);
    await pgp.markVerified('test-team', team.fingerprint);

    expect(await service.liveStates()).toEqual({
      'autolock-enabled': true,
      'recovery-code-created': true,
      'support-key-verified': true,
      'panic-shortcut-drilled': true,
    });
    const statuses = (await service.progress()).statuses;
    for (const check of [
      'autolock-enabled',
      'recovery-code-created',
      'support-key-verified',
      'panic-shortcut-drilled',
    ])
      expect(statuses[idOf(check)]).toEqual({ status: 'done', auto: true });
    await vault.lock();
  });
});
