import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDraftStore, DRAFTS_COLLECTION } from '../../../../electron/services/drafts/draftStore';
import { createLockController } from '../../../../electron/services/lock/lockController';
import { draftChannels } from '../../../../shared/ipc/drafts';
import {
  DURESS_PASS,
  REAL_PASS,
  filesContaining,
  floorVault,
  makeEnv,
  makeService,
  type Env,
} from '../panic/helpers';

const REPLY = 'Нужен адвокат в Тбилиси до пятницы';
const REQUEST_TEXT = 'They took my passport at the border';

let env: Env;
beforeEach(async () => {
  env = await makeEnv();
});
afterEach(async () => {
  await env.cleanup();
});

async function notebookWithDrafts() {
  const vault = floorVault(join(env.dataDir, 'vault'));
  await vault.create(REAL_PASS, { withRecoveryCode: false });
  const drafts = createDraftStore(vault.records);
  await drafts.save({ kind: 'reply', draft: { threadId: 'kovcheg-help-desk', body: REPLY } });
  await drafts.save({
    kind: 'request',
    draft: {
      step: 'form',
      teamId: 'example-desk',
      category: 'labour-dispute',
      fields: { whatHappened: REQUEST_TEXT },
      text: '',
      anonymous: false,
    },
  });
  await drafts.save({ kind: 'place', draft: { section: 'channel' } });
  return { vault, drafts };
}

describe('drafts kept across a lock (issue 16 §4)', () => {
  it('come back after lock and unlock, and are never on disk in clear', async () => {
    const { vault, drafts } = await notebookWithDrafts();
    await vault.lock();
    const needles = [REPLY, REQUEST_TEXT].flatMap((t) => [Buffer.from(t, 'utf8'), Buffer.from(t, 'utf16le')]);
    expect(await filesContaining(env.dataDir, needles)).toEqual([]);
    await expect(drafts.load()).rejects.toMatchObject({ code: 'vault/locked' });

    expect(await vault.unlock(REAL_PASS)).toMatchObject({ ok: true });
    const loaded = await drafts.load();
    expect(loaded.reply).toEqual({ threadId: 'kovcheg-help-desk', body: REPLY });
    expect(loaded.request?.fields).toEqual({ whatHappened: REQUEST_TEXT });
    expect(loaded.place).toEqual({ section: 'channel' });
    expect(loaded.note).toBeUndefined();
    await vault.lock();
  });

  it('a save still queued when the lock comes lands before the keys go', async () => {
    const { vault, drafts } = await notebookWithDrafts();
    const lock = createLockController(
      vault,
      () => undefined,
      () => drafts.settle(),
    );
    // Typed fast: each save waits for the one before, so the last is still queued when the lock comes.
    for (const body of ['first', 'second', 'third'])
      void drafts.save({ kind: 'reply', draft: { threadId: 'kovcheg-help-desk', body } });
    const queued = drafts.save({
      kind: 'reply',
      draft: { threadId: 'kovcheg-help-desk', body: 'last words' },
    });
    await lock.lock('idle');
    await queued.catch(() => undefined);
    expect(await vault.unlock(REAL_PASS)).toMatchObject({ ok: true });
    expect((await drafts.load()).reply?.body).toBe('last words');
    await vault.lock();
  });

  it('a discard right after a save wins, in the order they were asked', async () => {
    const { vault, drafts } = await notebookWithDrafts();
    void drafts.save({ kind: 'reply', draft: { threadId: 'kovcheg-help-desk', body: 'later text' } });
    void drafts.discard('reply');
    await drafts.settle();
    expect((await drafts.load()).reply).toBeUndefined();
    expect(await vault.records.list(DRAFTS_COLLECTION)).not.toContain('reply');
    await vault.lock();
  });

  it('a record that does not parse is dropped, not handed to the renderer', async () => {
    const { vault, drafts } = await notebookWithDrafts();
    await vault.records.write(DRAFTS_COLLECTION, 'note', Buffer.from('{"noteId":"../../etc"}'));
    await vault.records.write(DRAFTS_COLLECTION, 'place', Buffer.from('not json'));
    const loaded = await drafts.load();
    expect(loaded.note).toBeUndefined();
    expect(loaded.place).toBeUndefined();
    expect(await vault.records.list(DRAFTS_COLLECTION)).toEqual(
      expect.not.arrayContaining(['note', 'place']),
    );
    await vault.lock();
  });

  it('the duress passphrase opens a decoy with no draft of the real notebook', async () => {
    const { vault, drafts } = await notebookWithDrafts();
    const panic = makeService(env, vault);
    await panic.setUpDuress({
      currentPassphrase: REAL_PASS,
      duressPassphrase: DURESS_PASS,
      decoyNotes: [{ title: 'Shopping', body: 'Milk, bread' }],
    });
    await vault.lock();
    expect(await panic.unlockOrPanic(DURESS_PASS)).toMatchObject({ ok: true });
    await panic.whenIdle();
    expect(vault.isUnlocked()).toBe(true);
    expect(await drafts.load()).toEqual({});
    const needles = [Buffer.from(REPLY, 'utf8'), Buffer.from(REQUEST_TEXT, 'utf8')];
    expect(await filesContaining(env.dataDir, needles)).toEqual([]);
    await vault.lock();
  });

  it('the IPC schemas refuse oversized and unknown drafts', () => {
    const save = draftChannels['drafts:save'].request;
    const body = 'x'.repeat(32 * 1024 + 1);
    expect(save.safeParse({ kind: 'reply', draft: { threadId: 'abc', body } }).success).toBe(false);
    expect(save.safeParse({ kind: 'reply', draft: { threadId: 'abc', body: 'ok' } }).success).toBe(true);
    expect(save.safeParse({ kind: 'secret', draft: {} }).success).toBe(false);
    expect(save.safeParse({ kind: 'place', draft: { section: 'notebook', extra: 1 } }).success).toBe(false);
    const fields = Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`f${i}`, 'a']));
    const request = { step: 'form', teamId: 't', category: 'other', fields, text: '', anonymous: false };
    expect(save.safeParse({ kind: 'request', draft: request }).success).toBe(false);
    expect(save.safeParse({ kind: 'note', draft: { noteId: '../x' } }).success).toBe(false);
  });
});
