import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isTikhoError } from '../../../../shared/errors';
import { deriveRecordKey, deriveSubkeys } from '../../../../electron/services/vault/keyDerivation';
import { openRecord, recordAad } from '../../../../electron/services/vault/recordCodec';
import { openManifest } from '../../../../electron/services/vault/revisionManifest';
import type { VaultService } from '../../../../electron/services/vault/vaultService';
import { PASS, floorVault, recordFiles, tempDir } from './helpers';
import { nodeFileSystem, type FileSystem } from '../../../../electron/services/common';

const NEXT = 'pebble tundra orchestra mellow signal cactus';
const DURESS = 'lantern quiet harbour seventeen maple';

let ctx: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  ctx = await tempDir();
});
afterEach(async () => {
  await ctx.cleanup();
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return isTikhoError(err) ? err.code : String(err);
  }
  return 'resolved';
}

/** Every (collection, id) of the vault, read from the manifest with the given master key. */
async function addresses(vaultDir: string, master: Buffer, vaultId: Buffer) {
  const sub = deriveSubkeys(master, vaultId);
  const image = openManifest(sub.manifest, vaultId, await readFile(join(vaultDir, 'manifest.bin')));
  return image.decoded.map((e) => ({ collection: e.collection, id: e.id }));
}

/** How many of `files` open as a record of `vaultId` under `master`, trying every address. */
function openable(
  files: Buffer[],
  master: Buffer,
  vaultId: Buffer,
  addrs: { collection: string; id: string }[],
): number {
  let n = 0;
  for (const file of files) {
    for (const a of addrs) {
      try {
        openRecord(
          deriveRecordKey(master, vaultId, a.collection, a.id),
          recordAad(vaultId, a.collection, a.id),
          file,
        );
        n++;
        break;
      } catch {
        // not this address, or not this key
      }
    }
  }
  return n;
}

describe('master-key rotation (format 2)', () => {
  it('re-encrypts every record and attachment under a new key; a copy of the folder from before opens none of it', async () => {
    const vaultDir = join(ctx.dir, 'vault');
    const v = floorVault(ctx.dir);
    const { recoveryCode } = await v.create(PASS, { withRecoveryCode: true });
    const note = await v.notes.create({
      title: 'Адрес',
      body: 'улица Тихая, 7',
      tags: ['люди'],
      pinned: false,
    });
    const source = join(ctx.dir, 'photo.bin');
    const photo = Buffer.alloc(3 * 1024 * 1024 + 17, 0x5a);
    await writeFile(source, photo);
    const att = await v.attachments.add(note.id, {
      name: 'photo.bin',
      mime: 'image/png',
      sourcePath: source,
    });
    await v.setSlot('duress', DURESS);
    // The image an examiner took before the rotation.
    const image = join(ctx.dir, 'image');
    await cp(vaultDir, join(image, 'vault'), { recursive: true });
    const beforeNames = await readdir(join(vaultDir, 'records'));
    const beforeData = await readdir(join(vaultDir, 'attachments'));
    const oldKeys = v.keyBuffersForTestsOnly();
    const oldMaster = Buffer.from(oldKeys[0] ?? Buffer.alloc(0));
    const vaultId = Buffer.from(v.vaultId ?? '', 'hex');
    const progress: number[] = [];

    const result = await v.changePassphrase(PASS, NEXT, (p) => progress.push(p.done / p.total));

    expect(result.recoveryCode?.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(1);
    for (const b of oldKeys) expect(b.every((x) => x === 0)).toBe(true);
    expect(v.isUnlocked()).toBe(true);
    expect(v.notes.get(note.id).body).toBe('улица Тихая, 7');
    expect((await v.attachments.read(att.id)).equals(photo)).toBe(true);
    const afterNames = await readdir(join(vaultDir, 'records'));
    expect(afterNames).toHaveLength(beforeNames.length);
    expect(afterNames.filter((n) => beforeNames.includes(n))).toEqual([]);
    const afterData = await readdir(join(vaultDir, 'attachments'));
    expect(afterData).toHaveLength(1);
    expect(afterData.filter((n) => beforeData.includes(n))).toEqual([]);
    expect(await readdir(vaultDir)).not.toContain('manifest.next');

    // The old passphrase still opens the IMAGE (control) and yields the old key, which opens none
    // of the new files; the live folder's header no longer opens with it at all.
    const fromImage = floorVault(image);
    expect(await fromImage.unlock(PASS)).toEqual({ ok: true, role: 'primary' });
    expect(Buffer.from(fromImage.keyBuffersForTestsOnly()[0] ?? []).equals(oldMaster)).toBe(true);
    await fromImage.lock();
    const newMaster = Buffer.from(v.keyBuffersForTestsOnly()[0] ?? Buffer.alloc(0));
    const newAddrs = await addresses(vaultDir, newMaster, vaultId);
    const afterFiles = await Promise.all((await recordFiles(vaultDir)).map((p) => readFile(p)));
    expect(openable(afterFiles, newMaster, vaultId, newAddrs)).toBe(afterFiles.length); // control
    expect(openable(afterFiles, oldMaster, vaultId, newAddrs)).toBe(0);

    // Old passphrase and old recovery code stop working; the new ones and the duress slot work.
    await v.lock();
    expect(await v.unlock(PASS)).toEqual({ ok: false });
    expect(await v.unlockWithRecoveryCode((recoveryCode ?? []).join(' '))).toEqual({ ok: false });
    expect(await v.unlock(DURESS)).toEqual({ ok: true, role: 'duress' });
    expect(await v.unlockWithRecoveryCode((result.recoveryCode ?? []).join(' '))).toEqual({
      ok: true,
      role: 'recovery',
    });
    await v.lock();
    expect(await v.unlock(NEXT)).toEqual({ ok: true, role: 'primary' });
    expect(v.notes.get(note.id).title).toBe('Адрес');
    expect(v.indexNotice()).toBeNull();
  });

  it('refuses a next passphrase that already opens a slot, a wrong current one, and a recovery session', async () => {
    const v = floorVault(ctx.dir);
    const { recoveryCode } = await v.create(PASS, { withRecoveryCode: true });
    await v.setSlot('duress', DURESS);
    const names = (await readdir(join(ctx.dir, 'vault', 'records'))).sort();
    expect(await codeOf(v.changePassphrase(PASS, DURESS))).toBe('vault/passphrase-in-use');
    // New keys behind the passphrase that was seen would protect nothing.
    expect(await codeOf(v.changePassphrase(PASS, PASS))).toBe('vault/passphrase-in-use');
    expect(await codeOf(v.changePassphrase(DURESS, NEXT))).toBe('vault/wrong-passphrase');
    expect(await codeOf(v.changePassphrase(PASS, 'short'))).toBe('vault/passphrase-too-weak');
    await v.lock();
    await v.unlockWithRecoveryCode((recoveryCode ?? []).join(' '));
    expect(await codeOf(v.changePassphrase(PASS, NEXT))).toBe('vault/not-primary');
    expect((await readdir(join(ctx.dir, 'vault', 'records'))).sort()).toEqual(names);
  });

  it('writes during a rotation are refused with vault/busy, not lost', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let reached: () => void = () => undefined;
    const atRecord = new Promise<void>((r) => (reached = r));
    let held = false;
    const v = floorVault(ctx.dir, {
      onRotationStage: async (stage) => {
        if (stage !== 'record' || held) return;
        held = true;
        reached();
        await gate;
      },
    });
    await v.create(PASS, { withRecoveryCode: false });
    const note = await v.notes.create({ title: 't', body: 'before', tags: [], pinned: false });
    const rotation = v.changePassphrase(PASS, NEXT);
    await atRecord;
    expect(await codeOf(v.notes.update(note.id, { body: 'during' }))).toBe('vault/busy');
    release();
    await rotation;
    expect(v.notes.get(note.id).body).toBe('before');
    await v.notes.update(note.id, { body: 'after' });
    expect(v.notes.get(note.id).body).toBe('after');
  });

  it('a panic while the rotated header is being written leaves no header that opens', async () => {
    let panicAtHeader = false;
    let vault: VaultService | null = null;
    const fs: FileSystem = {
      ...nodeFileSystem,
      open: async (path, flags, mode) => {
        if (panicAtHeader && String(path).endsWith('index.bin') && flags === 'r+') {
          panicAtHeader = false;
          // The panic overwrites the header while the rotation's first in-place write is due.
          await vault?.destroyKeyMaterial();
        }
        return nodeFileSystem.open(path, flags, mode);
      },
    };
    const v = floorVault(ctx.dir, {
      fs,
      onRotationStage: (stage) => {
        if (stage === 'manifest') panicAtHeader = true;
      },
    });
    vault = v;
    await v.create(PASS, { withRecoveryCode: false });
    await v.notes.create({ title: 't', body: 'b', tags: [], pinned: false });
    expect(await codeOf(v.changePassphrase(PASS, NEXT))).toBe('vault/locked');
    expect(v.isUnlocked()).toBe(false);
    expect(await codeOf(v.unlock(PASS))).toBe('vault/not-found');
    expect(await codeOf(v.unlock(NEXT))).toBe('vault/not-found');
  });
  it('a committed rotation whose new session fails to settle reports a lock, and the next unlock finishes it', async () => {
    let failRename = true;
    const fs: FileSystem = {
      ...nodeFileSystem,
      rename: async (from, to) => {
        if (failRename && String(from).endsWith('manifest.next')) {
          failRename = false;
          throw Object.assign(new Error('EIO (test)'), { code: 'EIO' });
        }
        await nodeFileSystem.rename(from, to);
      },
    };
    const v = floorVault(ctx.dir, { fs });
    await v.create(PASS, { withRecoveryCode: false });
    const note = await v.notes.create({ title: 't', body: 'kept', tags: [], pinned: false });
    let locks = 0;
    v.onLock(() => locks++);
    expect(await codeOf(v.changePassphrase(PASS, NEXT))).toBe('vault/io-error');
    // The renderer hears the lock instead of believing a dead session is open.
    expect(locks).toBe(1);
    expect(v.isUnlocked()).toBe(false);
    expect(await v.unlock(PASS)).toEqual({ ok: false });
    expect(await v.unlock(NEXT)).toEqual({ ok: true, role: 'primary' });
    expect(v.notes.get(note.id).body).toBe('kept');
    expect(await readdir(join(ctx.dir, 'vault'))).not.toContain('manifest.next');
  });
});
