import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadChecklistContent, type ChecklistContent } from '../../electron/services/checklist/contentLoader';
import { createChecklistUpdateService } from '../../electron/services/checklist/updates/updateService';
import { createDeskService } from '../../electron/services/desk/deskService';
import { createPgpService } from '../../electron/services/pgp';
import { readReplyContent } from '../../electron/services/pgp/mimeReply';
import { createChannelService } from '../../electron/services/signal';
import { recordBackedEpochKeyFileForTests } from '../../electron/services/signal/epochKeyFile';
import { createMemoryRecordStore } from '../../electron/services/vault/recordStore';
import { createVaultService, type VaultService } from '../../electron/services/vault/vaultService';
import { pgpMimeBody } from '../fixtures/pgp/peers';
import type { FuzzTarget } from './targets';

/**
 * The parsers issue 18 §7 listed that targets.ts did not reach yet: backup files, checklist
 * updates, PGP/MIME reply bodies, and the vault header read by unlock(). Seeds are made by the
 * app itself (a real backup, a real signed update, a real header file).
 */
const REPO = path.resolve(import.meta.dirname, '../..');
const PASS = 'correct horse battery staple';
const FLOOR_KDF = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

async function freshVault(): Promise<{ dir: string; vault: VaultService }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tikho-fuzz-vault-'));
  const vault = createVaultService({ dir: path.join(dir, 'vault'), kdf: FLOOR_KDF });
  await vault.create(PASS, { withRecoveryCode: false });
  return { dir, vault };
}

interface BackupBench {
  seed: Buffer;
  file: string;
  vault: VaultService;
}
let backupBench: Promise<BackupBench> | undefined;
async function makeBackupBench(): Promise<BackupBench> {
  const source = await freshVault();
  const n = await source.vault.notes.create({ title: 'Встреча', body: 'адрес', tags: ['t'], pinned: true });
  const attachment = path.join(source.dir, 'a.bin');
  fs.writeFileSync(attachment, Buffer.from('xyz'));
  await source.vault.attachments.add(n.id, {
    name: 'a.bin',
    mime: 'application/octet-stream',
    sourcePath: attachment,
  });
  const seedPath = path.join(source.dir, 'backup.tikho');
  await source.vault.backup.exportEncrypted(seedPath, PASS);
  await source.vault.lock();
  const target = await freshVault();
  return { seed: fs.readFileSync(seedPath), file: path.join(target.dir, 'in.tikho'), vault: target.vault };
}

export const backupFile: FuzzTarget = {
  name: 'encrypted backup file (import)',
  runs: 40,
  seeds: async () => {
    backupBench ??= makeBackupBench();
    return [(await backupBench).seed];
  },
  read: async (input) => {
    backupBench ??= makeBackupBench();
    const bench = await backupBench;
    fs.writeFileSync(bench.file, input);
    await bench.vault.backup.importEncrypted(bench.file, PASS);
    // Imported (the seed itself, or a mutation that changed nothing authenticated): the next case
    // needs an empty vault again, or it would only ever see "not empty".
    await bench.vault.lock();
    bench.vault = (await freshVault()).vault;
  },
};

let shipped: Promise<ChecklistContent> | undefined;
interface UpdateBench {
  seeds: Uint8Array[];
  preview: (text: string) => Promise<unknown>;
}
let updateBench: Promise<UpdateBench> | undefined;
async function makeUpdateBench(): Promise<UpdateBench> {
  shipped ??= loadChecklistContent(path.join(REPO, 'resources'));
  const content = await shipped;
  const deskRecords = createMemoryRecordStore();
  const channel = createChannelService({
    records: deskRecords,
    role: 'desk',
    epochKeyFile: recordBackedEpochKeyFileForTests(deskRecords),
  });
  const desk = createDeskService({ records: deskRecords, exportBundle: () => channel.exportBundle() });
  const team = { teamId: 'fuzz-desk', teamName: 'Fuzz Desk' };
  await desk.saveDetails({ ...team, channels: { email: 'd@example.org' }, categories: ['other'] });
  const card = await desk.publishCard();
  const made = createChecklistUpdateService({
    shipped: content,
    records: deskRecords,
    pgp: createPgpService({ records: deskRecords }),
  });
  const item = content.items[0];
  if (!item) throw new Error('no shipped checklist item');
  const draft = JSON.stringify({
    items: [{ ...item, title: { ...item.title, en: 'Corrected «title»' } }],
    retireItems: [],
  });
  const update = await made.make(draft, { team: () => Promise.resolve(team), sign: (t) => desk.signText(t) });
  const userRecords = createMemoryRecordStore();
  const pgp = createPgpService({ records: userRecords });
  const { team: imported } = await pgp.importCard(card.text);
  await pgp.markVerified(imported.teamId, imported.fingerprint);
  const updates = createChecklistUpdateService({ shipped: content, records: userRecords, pgp });
  return { seeds: [Buffer.from(update.text)], preview: (t) => updates.preview(t, 'en') };
}

export const checklistUpdate: FuzzTarget = {
  name: 'checklist update (signed by a verified team)',
  runs: 80,
  seeds: async () => {
    updateBench ??= makeUpdateBench();
    return (await updateBench).seeds;
  },
  read: async (input) => {
    updateBench ??= makeUpdateBench();
    await (await updateBench).preview(text(input));
  },
};

/**
 * The decrypted, signature-checked body of a reply: mutating the armored message would only test
 * the AEAD, so the MIME parser is fed the plaintext directly, as readReply hands it over.
 */
export const pgpMimeReply: FuzzTarget = {
  name: 'PGP/MIME reply body (decrypted)',
  runs: 300,
  seeds: () =>
    Promise.resolve([
      Buffer.from(
        pgpMimeBody({
          text: 'Здравствуйте! Ваш адвокат свяжется с вами завтра.',
          fileName: 'договор.pdf',
          file: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]),
        }),
      ),
    ]),
  read: async (input) => {
    await readReplyContent(input);
  },
};

interface HeaderBench {
  vault: VaultService;
  headerPath: string;
  seed: Buffer;
}
let headerBench: Promise<HeaderBench> | undefined;
/**
 * Whatever file holds the header: every top-level file that is not the manifest or its anchor.
 * Format-agnostic on purpose (the header's layout and name change with format 2).
 */
async function makeHeaderBench(): Promise<HeaderBench> {
  const { dir, vault } = await freshVault();
  await vault.notes.create({ title: 'x', body: 'y', tags: [], pinned: false });
  await vault.lock();
  const root = path.join(dir, 'vault');
  const candidates = fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name !== 'manifest.bin' && e.name !== 'state.bin');
  const only = candidates[0];
  if (!only || candidates.length !== 1)
    throw new Error(`expected one header file, found ${candidates.length}`);
  const headerPath = path.join(root, only.name);
  return { vault, headerPath, seed: fs.readFileSync(headerPath) };
}

export const vaultHeader: FuzzTarget = {
  name: 'vault header file (through unlock)',
  runs: 60,
  seeds: async () => {
    headerBench ??= makeHeaderBench();
    return [(await headerBench).seed];
  },
  read: async (input) => {
    headerBench ??= makeHeaderBench();
    const bench = await headerBench;
    fs.writeFileSync(bench.headerPath, input);
    try {
      const result = await bench.vault.unlock(PASS);
      if (result.ok) await bench.vault.lock();
    } finally {
      fs.writeFileSync(bench.headerPath, bench.seed);
    }
  },
};
