import { recordBackedEpochKeyFileForTests } from '../../../../../electron/services/signal/epochKeyFile';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { createMessage, readPrivateKey, sign } from 'openpgp';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  loadChecklistContent,
  type ChecklistContent,
} from '../../../../../electron/services/checklist/contentLoader';
import { createChecklistUpdateService } from '../../../../../electron/services/checklist/updates/updateService';
import { MAX_UPDATE_CHARS } from '../../../../../electron/services/checklist/updates/format';
import { createDeskService } from '../../../../../electron/services/desk/deskService';
import { createPgpService, signTextAsTeam } from '../../../../../electron/services/pgp';
import { generateLegacyCurve25519Key } from '../../../../../electron/services/pgp/keyMaterial';
import { createChannelService } from '../../../../../electron/services/signal';
import type { VaultService } from '../../../../../electron/services/vault/vaultService';
import type { ChecklistItem } from '../../../../../shared/checklist/schema';
import { createGpgHome } from '../../../../fixtures/pgp/gpgHome';
import { codeOf } from '../../pgp/helpers';
import { allFiles, floorVault, PASS, tempDir } from '../../vault/helpers';

/**
 * Issue 13 §7 end to end below the UI: a desk (its own real vault, its own team key) makes
 * signed updates, a person (another real vault) who verified that team applies, previews, rolls
 * back — and every forged, stale or broken copy is refused with nothing changed.
 */

const ROOT = path.resolve(import.meta.dirname, '../../../../..');
const TEAM = { teamId: 'kovcheg-help', teamName: 'Kovcheg Help Desk' };
const MARKER = 'Zeta-marker-7731';

let shipped: ChecklistContent;
beforeAll(async () => {
  shipped = await loadChecklistContent(path.join(ROOT, 'resources'));
  expect(shipped.items.length).toBeGreaterThan(50);
});

function itemOf(id: string): ChecklistItem {
  const item = shipped.items.find((candidate) => candidate.id === id);
  if (!item) throw new Error(`no item ${id}`);
  return item;
}

function draft(extra: { title?: string; retire?: string[] } = {}): string {
  const corrected = itemOf('fnd-security-plan');
  const added: ChecklistItem = {
    ...itemOf('fnd-safety-contact'),
    id: 'fnd-new-from-desk',
    title: { en: `New desk item ${MARKER}`, ru: 'Новый пункт', uk: 'Новий пункт' },
  };
  return JSON.stringify({
    items: [
      { ...corrected, title: { ...corrected.title, en: extra.title ?? 'Write a short security plan' } },
      added,
    ],
    retireItems: extra.retire ?? ['fnd-rest-and-support'],
  });
}

interface Side {
  vault: VaultService;
  cleanup: () => Promise<void>;
}
const sides: Side[] = [];
async function openVault(): Promise<Side & { dir: string }> {
  const { dir, cleanup } = await tempDir();
  const vault = floorVault(dir);
  await vault.create(PASS, { withRecoveryCode: false });
  const side = { vault, cleanup, dir };
  sides.push(side);
  return side;
}
afterEach(async () => {
  for (const side of sides.splice(0)) {
    if (side.vault.isUnlocked()) await side.vault.lock();
    await side.cleanup();
  }
});

async function makeDesk() {
  const { vault } = await openVault();
  const records = vault.records;
  const channel = createChannelService({
    records,
    role: 'desk',
    epochKeyFile: recordBackedEpochKeyFileForTests(records),
  });
  const desk = createDeskService({ records, exportBundle: () => channel.exportBundle() });
  await desk.saveDetails({ ...TEAM, channels: { email: 'help@example.org' }, categories: ['other'] });
  const card = await desk.publishCard();
  const updates = createChecklistUpdateService({ shipped, records, pgp: createPgpService({ records }) });
  const signer = {
    team: () => Promise.resolve(TEAM),
    sign: (text: string) => desk.signText(text),
  };
  return { desk, card: card.text, make: (text: string) => updates.make(text, signer), records };
}

async function makeUser(card: string, options: { verify?: boolean } = {}) {
  const side = await openVault();
  const pgp = createPgpService({ records: side.vault.records });
  const { team } = await pgp.importCard(card);
  if (options.verify !== false) await pgp.markVerified(team.teamId, team.fingerprint);
  const service = () => createChecklistUpdateService({ shipped, records: side.vault.records, pgp });
  return { ...side, pgp, updates: service(), service };
}

describe('checklist updates: desk makes, person applies', () => {
  let desk: Awaited<ReturnType<typeof makeDesk>>;
  beforeEach(async () => {
    desk = await makeDesk();
  });

  it('previews what changed without changing anything, applies, survives a lock, and removes back to the shipped content', async () => {
    const user = await makeUser(desk.card);
    const first = await desk.make(draft());
    expect(first.sequence).toBe(1);
    expect(first.text).toMatch(/^-----BEGIN PGP SIGNED MESSAGE-----/);

    const preview = await user.updates.preview(first.text, 'en');
    expect(preview).toMatchObject({
      teamId: TEAM.teamId,
      teamName: TEAM.teamName,
      sequence: 1,
      replaces: null,
    });
    expect(preview.changes.added).toEqual([{ id: 'fnd-new-from-desk', title: `New desk item ${MARKER}` }]);
    expect(preview.changes.corrected).toEqual([
      { id: 'fnd-security-plan', title: 'Write a short security plan' },
    ]);
    expect(preview.changes.retired.map((entry) => entry.id)).toEqual(['fnd-rest-and-support']);
    await user.updates.load();
    expect(user.updates.content().items).toEqual(shipped.items);
    expect(await user.updates.list()).toEqual([]);

    await user.updates.apply(first.text, 'en');
    const ids = user.updates.content().items.map((item) => item.id);
    expect(ids).toContain('fnd-new-from-desk');
    expect(ids).not.toContain('fnd-rest-and-support');
    // A new item sits with its category, not at the end of the whole list.
    expect(user.updates.content().items[ids.indexOf('fnd-new-from-desk') - 1]?.category).toBe('foundations');
    expect(user.updates.content().items.find((item) => item.id === 'fnd-security-plan')?.title.en).toBe(
      'Write a short security plan',
    );

    // Stored encrypted: no vault file holds the update's text.
    for (const file of await allFiles(user.dir)) expect((await readFile(file)).includes(MARKER)).toBe(false);

    // After a lock the updates leave memory; after unlock they come back from the vault.
    user.updates.reset();
    expect(user.updates.content().items).toEqual(shipped.items);
    await user.vault.lock();
    await user.vault.unlock(PASS);
    const again = user.service();
    await again.load();
    expect(again.content().items.map((item) => item.id)).toEqual(ids);
    expect(await again.list()).toMatchObject([{ teamId: TEAM.teamId, sequence: 1, earlier: 0 }]);

    const undone = await again.remove(TEAM.teamId, 'en');
    expect(undone.retired.map((entry) => entry.id)).toEqual(['fnd-new-from-desk']);
    expect(undone.added.map((entry) => entry.id)).toEqual(['fnd-rest-and-support']);
    expect(again.content().items).toEqual(shipped.items);
    expect(await codeOf(again.remove(TEAM.teamId, 'en'))).toBe('checklist/update-not-applied');
  });

  it('a newer update replaces the older; the older is refused; removing the newer brings the older back', async () => {
    const user = await makeUser(desk.card);
    const first = await desk.make(draft());
    const second = await desk.make(draft({ title: 'Plan v2', retire: [] }));
    expect(second.sequence).toBe(2);
    await user.updates.apply(first.text, 'en');
    const replaced = await user.updates.apply(second.text, 'en');
    expect(replaced.replaces).toBe(1);
    // The second no longer retires the item the first did: it comes back.
    expect(replaced.changes.added.map((entry) => entry.id)).toEqual(['fnd-rest-and-support']);
    const afterSecond = structuredClone(user.updates.content());

    expect(await codeOf(user.updates.apply(first.text, 'en'))).toBe('checklist/update-older');
    expect(await codeOf(user.updates.preview(first.text, 'en'))).toBe('checklist/update-older');
    expect(await codeOf(user.updates.apply(second.text, 'en'))).toBe('checklist/update-already-applied');
    expect(user.updates.content()).toEqual(afterSecond);
    expect(await user.updates.list()).toMatchObject([{ sequence: 2, earlier: 1 }]);

    await user.updates.remove(TEAM.teamId, 'en');
    expect(await user.updates.list()).toMatchObject([{ sequence: 1, earlier: 0 }]);
    expect(user.updates.content().items.map((item) => item.id)).not.toContain('fnd-rest-and-support');
  });

  it('refuses forged, broken and unwelcome copies, and nothing changes', async () => {
    const user = await makeUser(desk.card);
    const good = await desk.make(draft());
    await user.updates.apply(good.text, 'en');
    const before = structuredClone(user.updates.content());
    const listed = await user.updates.list();
    const newer = await desk.make(draft({ title: 'Plan v2' }));

    const signedBody = newer.text.split('\n\n')[1]?.split('\n-----BEGIN PGP SIGNATURE-----')[0] ?? '';
    expect(signedBody).toContain('"sequence": 2');
    const tampered = newer.text.replace('Plan v2', 'Plan v3');
    expect(tampered).not.toBe(newer.text);

    const stranger = await generateLegacyCurve25519Key({ now: new Date() });
    const forged = await signTextAsTeam(stranger.armoredSecret, signedBody, new Date());
    // What `gpg --sign` makes by default: the signed message inside a compressed packet.
    const gpg = await createGpgHome();
    let gpgStyle: string;
    try {
      await gpg.runOk(['--import'], stranger.armoredSecret);
      gpgStyle = (await gpg.runOk(['--armor', '--sign'], signedBody)).stdout.toString('utf8');
    } finally {
      await gpg.cleanup();
    }
    const inlineUncompressed = await sign({
      message: await createMessage({ text: signedBody }),
      signingKeys: await readPrivateKey({ armoredKey: stranger.armoredSecret }),
    });
    const invalidItem = await desk.desk.signText(
      signedBody.replace('"effort_minutes": 30', '"effort_minutes": "thirty"'),
    );
    const nextVersion = await desk.desk.signText(signedBody.replace('"version": 1', '"version": 2'));
    const gzipRead = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x41]).toString('utf8');

    const cases: [string, string][] = [
      [tampered, 'checklist/update-bad-signature'],
      [forged, 'checklist/update-bad-signature'],
      [signedBody, 'checklist/update-unsigned'],
      [gpgStyle, 'checklist/update-compressed'],
      [inlineUncompressed, 'checklist/update-unsigned'],
      [gzipRead, 'checklist/update-compressed'],
      [invalidItem, 'checklist/update-invalid-content'],
      [nextVersion, 'checklist/update-unsupported-version'],
      [newer.text.slice(0, newer.text.length - 40), 'checklist/update-malformed'],
      [`${newer.text}${' '.repeat(MAX_UPDATE_CHARS)}`, 'checklist/update-too-large'],
    ];
    for (const [text, code] of cases) {
      expect(await codeOf(user.updates.preview(text, 'en')), code).toBe(code);
      expect(await codeOf(user.updates.apply(text, 'en')), code).toBe(code);
    }
    expect(user.updates.content()).toEqual(before);
    expect(await user.updates.list()).toEqual(listed);
    // The genuine newer one still applies after all that.
    expect((await user.updates.apply(newer.text, 'en')).sequence).toBe(2);
  });

  it('the invalid-content refusal says where', async () => {
    const bad = JSON.parse(draft()) as { items: Record<string, unknown>[] };
    if (bad.items[0]) bad.items[0].priority = 'urgent';
    expect(await codeOf(desk.make(JSON.stringify(bad)))).toBe('checklist/update-invalid-content');
    const error = await desk.make(JSON.stringify(bad)).catch((caught: unknown) => caught);
    expect((error as { params: { where: string } }).params.where).toBe('items.0.priority');
    expect(await codeOf(desk.make('{ not json'))).toBe('checklist/update-malformed');
    expect(await codeOf(desk.make('{}'))).toBe('checklist/update-empty');
    // Refused drafts use no sequence number.
    expect((await desk.make(draft())).sequence).toBe(1);
  });

  it('refuses an update from a team the person has not verified, or does not know', async () => {
    const update = await desk.make(draft());
    const unverified = await makeUser(desk.card, { verify: false });
    expect(await codeOf(unverified.updates.apply(update.text, 'en'))).toBe(
      'checklist/update-team-unverified',
    );
    const other = await makeDesk();
    const stranger = await makeUser(other.card);
    await stranger.pgp.removeTeam(TEAM.teamId);
    expect(await codeOf(stranger.updates.apply(update.text, 'en'))).toBe('checklist/update-unknown-team');
    expect(await unverified.updates.list()).toEqual([]);
    expect(await stranger.updates.list()).toEqual([]);
  });
});
