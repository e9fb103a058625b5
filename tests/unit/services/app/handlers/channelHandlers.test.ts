import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateKey } from 'openpgp';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppProfile } from '../../../../../electron/services/app/hostPorts';
import { createUnlockedSessions } from '../../../../../electron/services/app/unlockedSession';
import { createPgpService } from '../../../../../electron/services/pgp';
import { createChannelHandlers } from '../../../../../electron/services/app/handlers/channelHandlers';
import { createContactHandlers } from '../../../../../electron/services/app/handlers/contactHandlers';
import { silentLogger } from '../../../../../electron/services/log/logger';
import { createLockController } from '../../../../../electron/services/lock/lockController';
import { CHANNEL_ERROR_CODES } from '../../../../../shared/channel/channelTypes';
import { DESK_ERROR_CODES } from '../../../../../shared/channel/deskTypes';
import { CONTRACT } from '../../../../../shared/ipc/contract';
import { channelChannels } from '../../../../../shared/ipc/secureChannel';
import { codeOf } from '../../pgp/helpers';
import type { VaultService } from '../../../../../electron/services/vault/vaultService';
import { floorVault, latch, PASS, tempDir } from '../../vault/helpers';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Only what the channel handlers use of the services: profile, the unlocked session, ports. */
async function side(profile: AppProfile, wrap: (v: VaultService) => VaultService = (v) => v) {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const vault = floorVault(dir);
  await vault.create(PASS, { withRecoveryCode: false });
  const saved: string[] = [];
  const wrapped = wrap(vault);
  const pgp = createPgpService({ records: wrapped.records, logger: silentLogger });
  const sessions = createUnlockedSessions({
    vault: wrapped,
    pgp,
    profile,
    dataDir: dir,
    logger: silentLogger,
  });
  const ctx = {
    profile,
    sessions,
    ports: {
      chooseSavePath: (name: string) => {
        const target = join(dir, name);
        saved.push(target);
        return Promise.resolve(target);
      },
    },
  } as unknown as Parameters<typeof createChannelHandlers>[0];
  const lock = createLockController(vault, () => undefined);
  const handlers = createChannelHandlers(ctx);
  // The channel screen lists, imports and confirms teams through the contact family, on the same store.
  const contact = createContactHandlers({
    pgp,
    vault: wrapped,
    resourcesDir: join(dir, 'no-resources'),
  } as unknown as Parameters<typeof createContactHandlers>[0]);
  return { handlers, contact, vault, lock, saved };
}

const DETAILS = {
  teamId: 'kovcheg-help',
  teamName: 'Kovcheg Help Desk',
  channels: { email: 'help@example.org' },
  categories: ['labour-dispute', 'other'] as ('labour-dispute' | 'other')[],
};

describe('channel IPC schemas', () => {
  it('every request schema is strict: an extra key is refused', () => {
    for (const [name, spec] of Object.entries(channelChannels)) {
      expect(name).toMatch(/^channel:[a-z][a-zA-Z]*$/);
      const result = spec.request.safeParse({ smuggled: true });
      expect(result.success, name).toBe(false);
    }
  });

  it('caps sizes and shapes before any service sees them', () => {
    const send = CONTRACT['channel:send'].request;
    expect(send.safeParse({ threadId: 'desk-abc', body: 'hi' }).success).toBe(true);
    expect(send.safeParse({ threadId: 'desk-abc', body: 'x'.repeat(40 * 1024) }).success).toBe(false);
    expect(send.safeParse({ threadId: '../etc', body: 'hi' }).success).toBe(false);
    expect(send.safeParse({ threadId: 'desk-abc', body: '' }).success).toBe(false);
    const receive = CONTRACT['channel:receive'].request;
    expect(receive.safeParse({ armored: 'x'.repeat(70 * 1024) }).success).toBe(false);
    const verify = CONTRACT['channel:markVerified'].request;
    expect(verify.safeParse({ threadId: 'desk-abc', digits: '12345 abc' }).success).toBe(false);
    const save = CONTRACT['channel:saveFile'].request;
    expect(save.safeParse({ kind: 'script', text: 'x' }).success).toBe(false);
  });

  it('every error code has a translation in en, ru and uk', async () => {
    for (const lng of ['en', 'ru', 'uk']) {
      const channel = JSON.parse(
        await readFile(
          join(import.meta.dirname, `../../../../../resources/locales/${lng}/channel.json`),
          'utf8',
        ),
      ) as { errors: Record<string, string>; pgpErrors: Record<string, string> };
      const desk = JSON.parse(
        await readFile(
          join(import.meta.dirname, `../../../../../resources/locales/${lng}/desk.json`),
          'utf8',
        ),
      ) as { errors: Record<string, string> };
      for (const code of CHANNEL_ERROR_CODES)
        expect(channel.errors[code.slice(8)], `${lng} ${code}`).toBeTruthy();
      for (const code of DESK_ERROR_CODES) expect(desk.errors[code.slice(5)], `${lng} ${code}`).toBeTruthy();
    }
  });
});

describe('channel handlers', () => {
  it('user and desk: card, verified safety number, messages both ways, replay refused on both sides', async () => {
    const desk = await side('desk');
    const user = await side('user');
    expect(await desk.handlers['channel:role']({})).toEqual({ role: 'desk' });
    expect(await user.handlers['channel:role']({})).toEqual({ role: 'user' });

    await desk.handlers['channel:deskSetup']({ details: DETAILS });
    const card = await desk.handlers['channel:publishCard']({});

    const imported = await user.contact['contact:importCard']({ text: card.text });
    expect(imported.team).toMatchObject({ teamName: 'Kovcheg Help Desk', verification: 'unverified' });
    expect(imported.team.deskAddress).toMatch(/^desk-/);
    expect(
      await codeOf(Promise.resolve(user.handlers['channel:startSession']({ teamId: DETAILS.teamId }))),
    ).toBe('channel/team-unverified');
    await user.contact['contact:markVerified']({
      teamId: DETAILS.teamId,
      fingerprint: imported.team.fingerprintGroups.join(' '),
    });
    const { thread } = await user.handlers['channel:startSession']({ teamId: DETAILS.teamId });
    expect(thread.teamName).toBe('Kovcheg Help Desk');

    const sent = await user.handlers['channel:send']({ threadId: thread.threadId, body: 'Привет' });
    const atDesk = await desk.handlers['channel:receive']({ armored: sent.envelope });
    expect(atDesk).toMatchObject({ newThread: true, message: { body: 'Привет', direction: 'in' } });

    const userNumber = await user.handlers['channel:safetyNumber']({ threadId: thread.threadId });
    const deskNumber = await desk.handlers['channel:safetyNumber']({ threadId: atDesk.threadId });
    expect(userNumber.digits).toBe(deskNumber.digits);
    const verified = await user.handlers['channel:markVerified']({
      threadId: thread.threadId,
      digits: userNumber.groups.join(' '),
    });
    expect(verified.thread.verified).toBe(true);

    const reply = await desk.handlers['channel:send']({ threadId: atDesk.threadId, body: 'Здравствуйте' });
    const atUser = await user.handlers['channel:receive']({ armored: reply.envelope });
    expect(atUser.message.body).toBe('Здравствуйте');

    expect(await codeOf(Promise.resolve(user.handlers['channel:receive']({ armored: reply.envelope })))).toBe(
      'channel/duplicate',
    );
    expect(await codeOf(Promise.resolve(desk.handlers['channel:receive']({ armored: sent.envelope })))).toBe(
      'channel/duplicate',
    );

    const { threads } = await user.handlers['channel:listThreads']({});
    expect(threads).toHaveLength(1);
    expect(threads[0]?.teamName).toBe('Kovcheg Help Desk');
  });

  it('once a team revokes its key its desk gets nothing more (no new conversation, no message) and its thread says why', async () => {
    const { privateKey, revocationCertificate } = await generateKey({
      type: 'curve25519',
      userIDs: [{ name: 'Kovcheg Help Desk' }],
      format: 'armored',
    });
    const desk = await side('desk');
    const user = await side('user');
    await desk.handlers['channel:deskSetup']({ details: DETAILS, importKey: { armoredSecret: privateKey } });
    const card = await desk.handlers['channel:publishCard']({});
    const imported = await user.contact['contact:importCard']({ text: card.text });
    await user.contact['contact:markVerified']({
      teamId: DETAILS.teamId,
      fingerprint: imported.team.fingerprintGroups.join(' '),
    });
    const { thread } = await user.handlers['channel:startSession']({ teamId: DETAILS.teamId });
    expect(thread.teamRevoked).toBe(false);
    await user.handlers['channel:send']({ threadId: thread.threadId, body: 'До отзыва' });

    const revoked = await user.contact['contact:importCard']({ text: revocationCertificate });
    expect(revoked.kind).toBe('revoked');
    expect(revoked.team.deskAddress).toBe(thread.threadId);
    const { threads } = await user.handlers['channel:listThreads']({});
    expect(threads.map((t) => [t.threadId, t.teamRevoked])).toEqual([[thread.threadId, true]]);
    expect(
      await codeOf(Promise.resolve(user.handlers['channel:send']({ threadId: thread.threadId, body: 'x' }))),
    ).toBe('pgp/team-revoked');
    expect(
      await codeOf(Promise.resolve(user.handlers['channel:startSession']({ teamId: DETAILS.teamId }))),
    ).toBe('pgp/team-revoked');
    // What was said before stays readable.
    const opened = await user.handlers['channel:openThread']({ threadId: thread.threadId });
    expect(opened.thread.teamRevoked).toBe(true);
    expect(opened.messages.map((m) => m.body)).toEqual(['До отзыва']);
  });

  it('each side refuses the other side’s channels', async () => {
    const user = await side('user');
    const desk = await side('desk');
    expect(await codeOf(Promise.resolve(user.handlers['channel:publishCard']({})))).toBe(
      'channel/wrong-role',
    );
    expect(await codeOf(Promise.resolve(user.handlers['channel:inbox']({})))).toBe('channel/wrong-role');
    expect(await codeOf(Promise.resolve(desk.handlers['channel:startSession']({ teamId: 'abc-def' })))).toBe(
      'channel/wrong-role',
    );
  });

  it('drops the services on lock and starts fresh after unlock', async () => {
    const desk = await side('desk');
    await desk.handlers['channel:deskSetup']({ details: DETAILS });
    await desk.lock.lock('manual');
    expect(await codeOf(Promise.resolve(desk.handlers['channel:deskStatus']({})))).toBe('vault/locked');
    expect((await desk.vault.unlock(PASS)).ok).toBe(true);
    expect((await desk.handlers['channel:deskStatus']({})).details?.teamName).toBe(DETAILS.teamName);
  });

  it('answers every one of several first calls made at once after an unlock (the screen asks for teams and threads together)', async () => {
    for (const profile of ['user', 'desk'] as const) {
      const s = await side(profile);
      await s.lock.lock('manual');
      expect((await s.vault.unlock(PASS)).ok).toBe(true);
      const calls =
        profile === 'user'
          ? [
              s.contact['contact:teams']({}),
              s.handlers['channel:listThreads']({}),
              s.handlers['channel:role']({}),
            ]
          : [
              s.handlers['channel:deskStatus']({}),
              s.handlers['channel:inbox']({}),
              s.handlers['channel:listThreads']({}),
            ];
      const codes = await Promise.all(calls.map((c) => codeOf(Promise.resolve(c))));
      expect(codes, profile).toEqual(['no error', 'no error', 'no error']);
    }
  });

  it('a lock while the services start makes every waiting call answer vault/locked', async () => {
    // The services' first record read after the unlock waits until the lock has happened.
    const held = latch();
    let armed = false;
    const gate = async (): Promise<void> => {
      if (!armed) return;
      armed = false;
      await held.wait();
    };
    const s = await side('user', (v) =>
      Object.assign(Object.create(v) as VaultService, {
        records: {
          ...v.records,
          read: async (c: string, id: string) => (await gate(), v.records.read(c, id)),
          list: async (c: string) => (await gate(), v.records.list(c)),
        },
      }),
    );
    await s.lock.lock('manual');
    expect((await s.vault.unlock(PASS)).ok).toBe(true);
    armed = true;
    const calls = [s.contact['contact:teams']({}), s.handlers['channel:listThreads']({})];
    await held.reached;
    await s.lock.lock('manual');
    held.open();
    const codes = await Promise.all(calls.map((c) => codeOf(Promise.resolve(c))));
    expect(codes).toEqual(['vault/locked', 'vault/locked']);
  });

  it('saves only texts the app made', async () => {
    const desk = await side('desk');
    await desk.handlers['channel:deskSetup']({ details: DETAILS });
    const card = await desk.handlers['channel:publishCard']({});
    expect(await desk.handlers['channel:saveFile']({ kind: 'card', text: card.text })).toEqual({
      saved: true,
    });
    expect(await readFile(desk.saved[0] ?? '', 'utf8')).toBe(card.text);
    expect(desk.saved[0]).toMatch(/kovcheg-help-contact-card\.asc$/);
    expect(
      await codeOf(Promise.resolve(desk.handlers['channel:saveFile']({ kind: 'card', text: 'evil' }))),
    ).toBe('desk/no-card');
    expect(
      await codeOf(
        Promise.resolve(desk.handlers['channel:saveFile']({ kind: 'envelope', text: '#!/bin/sh' })),
      ),
    ).toMatch(/^channel\/envelope-/);
    expect(desk.saved).toHaveLength(1);
  });
});
