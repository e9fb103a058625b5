import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createContactHandlers } from '../../../../../electron/services/app/handlers/contactHandlers';
import { createRequestLabeler } from '../../../../../electron/services/contact/requestLabels';
import { silentLogger } from '../../../../../electron/services/log/logger';
import { createPgpService } from '../../../../../electron/services/pgp';
import { createLockController } from '../../../../../electron/services/lock/lockController';
import { allFormI18nKeys } from '../../../../../shared/contact/forms';
import { contactChannels } from '../../../../../shared/ipc/contact';
import { PGP_ERROR_CODES } from '../../../../../shared/errorCodes';
import { CONTRACT } from '../../../../../shared/ipc/contract';
import { makeFixtureTeam } from '../../../../fixtures/pgp/teamCards';
import { codeOf } from '../../pgp/helpers';
import { floorVault, PASS, tempDir } from '../../vault/helpers';

const RESOURCES = resolve(import.meta.dirname, '../../../../../resources');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Only what the contact handlers use of the app context. */
async function side(language: 'en' | 'ru' | 'uk' = 'en') {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const resourcesDir = join(dir, 'resources');
  await mkdir(join(resourcesDir, 'org'), { recursive: true });
  await symlink(join(RESOURCES, 'locales'), join(resourcesDir, 'locales'));
  const vault = floorVault(join(dir, 'vault'));
  await vault.create(PASS, { withRecoveryCode: false });
  const saved: string[] = [];
  const ctx = {
    profile: 'user',
    vault,
    pgp: createPgpService({ records: vault.records, logger: silentLogger }),
    requestLabels: createRequestLabeler(resourcesDir),
    resourcesDir,
    systemLanguage: 'en',
    settings: { get: () => ({ language }) },
    emit: () => undefined,
    ports: {
      chooseSavePath: (name: string) => {
        const target = join(dir, name);
        saved.push(target);
        return Promise.resolve(target);
      },
    },
  } as unknown as Parameters<typeof createContactHandlers>[0];
  const lock = createLockController(vault, () => undefined);
  const handlers = createContactHandlers(ctx);
  /** Calls a handler the way dispatch does: strict request parse in, response schema out. */
  const call = async <C extends keyof typeof contactChannels>(name: C, request: unknown) => {
    const spec = CONTRACT[name];
    const parsed = spec.request.parse(request);
    const handler = handlers[name] as (req: unknown) => Promise<unknown>;
    return spec.response.parse(await handler(parsed)) as Awaited<ReturnType<(typeof handlers)[C]>>;
  };
  return { handlers, call, vault, lock, saved, resourcesDir };
}

describe('contact IPC schemas', () => {
  it('every request schema is strict: an extra key is refused', () => {
    for (const [name, spec] of Object.entries(contactChannels)) {
      expect(name).toMatch(/^contact:[a-z][a-zA-Z]*$/);
      expect(spec.request.safeParse({ smuggled: true }).success, name).toBe(false);
    }
  });

  it('caps pastes and refuses a team id that is not one', () => {
    const big = 'x'.repeat(12 * 1024 * 1024);
    expect(contactChannels['contact:importCard'].request.safeParse({ text: big }).success).toBe(false);
    expect(contactChannels['contact:readReply'].request.safeParse({ armored: big }).success).toBe(false);
    expect(
      contactChannels['contact:removeTeam'].request.safeParse({ teamId: '../../etc/passwd' }).success,
    ).toBe(false);
  });

  it('a team summary carries no extra field (the strict response schema refuses one)', () => {
    const parsed = contactChannels['contact:teams'].response.safeParse({
      teams: [{ teamId: 'x', secret: 'no' }],
    });
    expect(parsed.success).toBe(false);
  });
});

describe('contact handlers', () => {
  it('loads organisation cards once per unlock', async () => {
    const { call, resourcesDir, lock, vault } = await side();
    const team = await makeFixtureTeam();
    await writeFile(join(resourcesDir, 'org', 'example.asc'), team.card);
    await writeFile(join(resourcesDir, 'org', 'broken.asc'), 'not a card');

    const first = await call('contact:teams', {});
    expect(first.teams.map((t) => t.teamName)).toEqual(['Example Support Desk']);
    expect(first.teams[0]?.verification).toBe('unverified');

    // Removed in this session: it stays removed until the next unlock loads the build's cards again.
    await call('contact:removeTeam', { teamId: 'example-support' });
    expect((await call('contact:teams', {})).teams).toEqual([]);

    await lock.lock('manual');
    expect(await codeOf(call('contact:teams', {}))).toBe('vault/locked');
    await vault.unlock(PASS);
    expect((await call('contact:teams', {})).teams.map((t) => t.teamId)).toEqual(['example-support']);
  });

  it('a stock build without resources/org has no teams and no error', async () => {
    const { call } = await side();
    expect((await call('contact:teams', {})).teams).toEqual([]);
  });

  it('import, verify, key change: the loud result carries both fingerprints', async () => {
    const { call } = await side();
    const team = await makeFixtureTeam();
    const imported = await call('contact:importCard', { text: team.card });
    expect(imported.kind).toBe('new');
    expect(imported.team.fingerprintGroups.join('')).toBe(team.key.fingerprint);

    const verified = await call('contact:markVerified', {
      teamId: 'example-support',
      fingerprint: team.key.fingerprint,
    });
    expect(verified.team.verification).toBe('verified');

    const impostor = await makeFixtureTeam();
    const changed = await call('contact:importCard', { text: impostor.card });
    expect(changed.kind).toBe('key-changed');
    expect(changed.previousFingerprintGroups?.join('')).toBe(team.key.fingerprint);
    expect(changed.newFingerprintGroups?.join('')).toBe(impostor.key.fingerprint);
    // Never a silent swap: the stored key is still the old, verified one.
    expect(changed.team.fingerprint).toBe(team.key.fingerprint);
    expect(changed.team.verification).toBe('verified');

    const kept = await call('contact:rejectKeyChange', { teamId: 'example-support' });
    expect(kept.team.pendingKeyChange).toBeNull();
  });

  it('refuses a tampered card with its code', async () => {
    const { call } = await side();
    const team = await makeFixtureTeam();
    const tampered = team.card.replace('help@example.org', 'help@evil.example');
    expect(await codeOf(call('contact:importCard', { text: tampered }))).toBe('pgp/card-bad-signature');
  });

  it('a 10 MB paste reaches the service and gets its specific code', async () => {
    const { call } = await side();
    const paste = `-----BEGIN PGP MESSAGE-----\n${'A'.repeat(10 * 1024 * 1024)}`;
    expect(await codeOf(call('contact:readReply', { armored: paste }))).toBe('pgp/input-too-large');
    expect(await codeOf(call('contact:importCard', { text: paste }))).toBe('pgp/input-too-large');
  });

  it('own key: only public material crosses; save writes the public key where the person chose', async () => {
    const { call, saved } = await side();
    expect((await call('contact:ownKey', {})).key).toBeNull();
    const made = await call('contact:generateOwnKey', {});
    expect(made.key.fingerprintGroups).toHaveLength(10);
    expect(JSON.stringify(made)).not.toContain('PRIVATE');
    const exported = await call('contact:exportOwnKey', {});
    expect(exported.armored).toContain('-----BEGIN PGP PUBLIC KEY BLOCK-----');
    expect(exported.armored).not.toContain('PRIVATE');
    expect(await call('contact:saveOwnKey', {})).toEqual({ saved: true });
    expect(await readFile(saved[0] ?? '', 'utf8')).toBe(exported.armored);
  });

  it('composes in the UI language, saves as .asc named by date only, and lists the thread', async () => {
    const { call, saved } = await side('ru');
    const team = await makeFixtureTeam();
    await call('contact:importCard', { text: team.card });
    await call('contact:generateOwnKey', {});
    const { request } = await call('contact:compose', {
      draft: {
        teamId: 'example-support',
        category: 'labour-dispute',
        fields: {
          whatHappened: 'Не платят зарплату',
          urgency: 'normal',
          replyVia: 'same-channel',
          employer: 'ООО «Ромашка»',
          unpaidWages: 'yes',
          documentsHeldByEmployer: 'no',
        },
        text: '',
        anonymous: false,
      },
    });
    expect(request.armored).toContain('-----BEGIN PGP MESSAGE-----');
    expect(request.fields.employer).toBe('ООО «Ромашка»');
    expect(JSON.stringify(request)).not.toContain('PUBLIC KEY BLOCK'); // the reply key stays inside

    expect(await call('contact:saveRequest', { requestId: request.id })).toEqual({ saved: true });
    expect(saved[0]).toMatch(/request-\d{4}-\d{2}-\d{2}\.asc$/);
    expect(await readFile(saved[0] ?? '', 'utf8')).toBe(request.armored);

    const sent = await call('contact:markSent', { requestId: request.id });
    expect(sent.request.status).toBe('sent');
    expect((await call('contact:requests', {})).requests.map((r) => r.id)).toEqual([request.id]);
  });

  it('a form draft with an unknown field is refused by the service, with the field named', async () => {
    const { call } = await side();
    const team = await makeFixtureTeam();
    await call('contact:importCard', { text: team.card });
    const code = await codeOf(
      call('contact:compose', {
        draft: {
          teamId: 'example-support',
          category: 'other',
          fields: { whatHappened: 'x', urgency: 'normal', replyVia: 'email', smuggled: 'y' },
          text: '',
          anonymous: true,
        },
      }),
    );
    expect(code).toBe('pgp/request-invalid');
  });
});

describe('contact catalogs', () => {
  it('every form label key resolves to real words in en, ru and uk', async () => {
    const labeler = createRequestLabeler(RESOURCES);
    for (const language of ['en', 'ru', 'uk'] as const) {
      const label = await labeler(language);
      const primary = JSON.parse(
        await readFile(join(RESOURCES, 'locales', language, 'contact.json'), 'utf8'),
      ) as unknown;
      for (const key of [
        ...allFormI18nKeys(),
        'contact.field.text',
        'contact.request.title',
        'contact.request.createdAt',
        'contact.request.replyKey',
      ]) {
        expect(label(key), `${language}: ${key}`).not.toBe(key);
        // Resolved from the language itself, not from the English fallback.
        const own = key
          .slice('contact.'.length)
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], primary);
        expect(typeof own, `${language}: ${key}`).toBe('string');
      }
    }
    expect((await labeler('ru'))('contact.field.employer')).toBe('Работодатель');
  });

  it('every pgp/* error code has a message in en, ru and uk', async () => {
    const codes: readonly string[] = PGP_ERROR_CODES;
    expect(codes.length).toBeGreaterThan(20);
    for (const language of ['en', 'ru', 'uk']) {
      const catalog = JSON.parse(
        await readFile(join(RESOURCES, 'locales', language, 'pgp.json'), 'utf8'),
      ) as {
        errors: Record<string, string>;
      };
      for (const code of codes) {
        const message = catalog.errors[code.slice('pgp/'.length)];
        expect(message, `${language}: ${code}`).toBeTruthy();
      }
    }
  });
});
