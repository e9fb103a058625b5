import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { armor, enums, unarmor } from 'openpgp';
import { loadChecklistContent } from '../../electron/services/checklist/contentLoader';
import { createLogger } from '../../electron/services/log/logger';
import { createPgpService } from '../../electron/services/pgp';
import { parseAndVerifyCard } from '../../electron/services/pgp/contactCard';
import { buildRequestPlaintext, parseRequestPlaintext } from '../../electron/services/pgp/requestText';
import { createConfBackend } from '../../electron/services/settings/confBackend';
import { createSettingsService } from '../../electron/services/settings/settingsService';
import { encodeArmoredEnvelope, parseArmoredEnvelope } from '../../electron/services/signal/envelopeCodec';
import { openRecord, recordAad, sealRecord } from '../../electron/services/vault/recordCodec';
import { createMemoryRecordStore } from '../../electron/services/vault/recordStore';
import { settingsSchema } from '../../shared/settings';
import { makeFixtureTeam } from '../fixtures/pgp/teamCards';
import { teamReply } from '../unit/services/pgp/helpers';

/**
 * Every parser that reads input from outside the app: the bytes a hostile team, a broken
 * transport, a tampered disk or a hand-edited file can put in front of it. Each target makes its
 * seeds the way the app really makes such files, then reads mutated copies of them. A new target
 * gets a `<parser>.fuzz.test.ts` that calls describeFuzz() on it, in the tests/unit folder of the
 * parser it reads with; tests/unit/repo/testLayout.test.ts fails for a target no file fuzzes.
 */
export interface FuzzTarget {
  name: string;
  /** Cases in `npm test`; `npm run fuzz` asks for more. */
  runs: number;
  seeds(): Promise<Uint8Array[]>;
  /** Reads one input; may throw only a TikhoError. Extra checks on what it returns go here. */
  read(input: Uint8Array): Promise<void>;
}

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
const silent = createLogger(() => undefined, true);

export const channelEnvelope: FuzzTarget = {
  name: 'channel envelope (armored)',
  runs: 400,
  seeds: () =>
    Promise.resolve(
      [true, false].map((prekey) =>
        Buffer.from(
          encodeArmoredEnvelope({
            messageType: prekey ? 'prekey' : 'whisper',
            envelopeId: randomBytes(16),
            senderAddress: 'user-7f3a',
            senderDeviceId: 1,
            senderRegistrationId: 4242,
            recipientAddress: 'example-desk',
            senderIdentityKey: prekey ? Buffer.concat([Buffer.from([5]), randomBytes(32)]) : null,
            ciphertext: randomBytes(prekey ? 1800 : 240),
          }),
        ),
      ),
    ),
  read: async (input) => {
    parseArmoredEnvelope(text(input));
    await Promise.resolve();
  },
};

async function replyReader(): Promise<{ service: ReturnType<typeof createPgpService>; seeds: Uint8Array[] }> {
  const service = createPgpService({ records: createMemoryRecordStore() });
  const team = await makeFixtureTeam();
  await service.importCard(team.card);
  await service.markVerified('example-support', team.key.fingerprint);
  await service.generateOwnKey();
  const own = await service.exportOwnPublicKey();
  const seeds = await Promise.all([
    teamReply({
      text: 'Здравствуйте! We received your request.',
      to: [own],
      signerSecret: team.key.armoredSecret,
    }),
    teamReply({ text: 'unsigned answer', to: [own] }),
  ]);
  return { service, seeds: seeds.map((s) => Buffer.from(s)) };
}

let replies: Awaited<ReturnType<typeof replyReader>> | undefined;
export const pgpReply: FuzzTarget = {
  name: 'support reply (OpenPGP message)',
  runs: 150,
  seeds: async () => {
    replies ??= await replyReader();
    return replies.seeds;
  },
  read: async (input) => {
    replies ??= await replyReader();
    await replies.service.readReply(text(input));
  },
};

/**
 * Mutating armor mostly breaks its base64 before any OpenPGP parser runs. These seeds are the
 * packets themselves, re-armored after mutation, so the packet parser sees the damage.
 */
async function packetsOf(armored: Uint8Array): Promise<Uint8Array> {
  const { data } = await unarmor(text(armored));
  // A string in gives the packets back as one Uint8Array, never a stream.
  if (!(data instanceof Uint8Array)) throw new Error('unarmor returned a stream for a string');
  return data;
}

export const pgpReplyPackets: FuzzTarget = {
  name: 'support reply (mutated packets, re-armored)',
  runs: 250,
  seeds: async () => {
    replies ??= await replyReader();
    return Promise.all(replies.seeds.map(packetsOf));
  },
  read: async (input) => {
    replies ??= await replyReader();
    await replies.service.readReply(armor(enums.armor.message, input));
  },
};

export const contactCard: FuzzTarget = {
  name: 'team contact card',
  runs: 150,
  seeds: async () => [Buffer.from((await makeFixtureTeam()).card)],
  read: async (input) => {
    await parseAndVerifyCard(text(input));
  },
};

export const requestPlaintext: FuzzTarget = {
  name: 'decrypted request (desk side)',
  runs: 400,
  seeds: () =>
    Promise.resolve([
      buildRequestPlaintext(
        {
          format: 'tikho-request',
          version: 1,
          category: 'legal-aid',
          fields: { city: 'Тбилиси', contact: '@someone' },
          text: 'Мне нужна консультация юриста.',
          createdAt: '2026-11-30T10:00:00.000Z',
        },
        (key) => key,
      ),
    ]),
  read: async (input) => {
    parseRequestPlaintext(input);
    await Promise.resolve();
  },
};

const recordKey = randomBytes(32);
const recordAadBytes = recordAad(randomBytes(16), 'notes', 'n-0001');
export const vaultRecord: FuzzTarget = {
  name: 'vault record file',
  runs: 400,
  seeds: () =>
    Promise.resolve([
      sealRecord(recordKey, randomBytes(12), recordAadBytes, 3, Buffer.from('{"title":"x"}')),
    ]),
  read: async (input) => {
    openRecord(recordKey, recordAadBytes, Buffer.from(input));
    await Promise.resolve();
  },
};

let settingsDir: string | undefined;
export const settingsFile: FuzzTarget = {
  name: 'settings file',
  runs: 300,
  seeds: () => {
    settingsDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'tikho-fuzz-settings-'));
    const backend = createConfBackend(settingsDir);
    const service = createSettingsService({ backend, logger: silent });
    service.update({ autoLockMinutes: 5 });
    return Promise.resolve([fs.readFileSync(path.join(settingsDir, 'settings.json'))]);
  },
  read: async (input) => {
    settingsDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'tikho-fuzz-settings-'));
    fs.writeFileSync(path.join(settingsDir, 'settings.json'), input);
    const settings = createSettingsService({ backend: createConfBackend(settingsDir), logger: silent }).get();
    // Whatever the file held, the app starts with settings it can use.
    settingsSchema.parse(settings);
    await Promise.resolve();
  },
};

const REPO = path.resolve(import.meta.dirname, '../..');
let contentRoot: string | undefined;
function contentCopy(): string {
  if (!contentRoot) {
    contentRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'tikho-fuzz-content-'));
    fs.cpSync(path.join(REPO, 'resources/checklists'), path.join(contentRoot, 'checklists'), {
      recursive: true,
    });
  }
  return contentRoot;
}
export const checklistContent: FuzzTarget = {
  name: 'checklist content (help contacts, incidents)',
  runs: 60,
  seeds: () =>
    Promise.resolve(
      ['help-contacts.json', 'incidents.json'].map((file) =>
        fs.readFileSync(path.join(REPO, 'resources/checklists', file)),
      ),
    ),
  read: async (input) => {
    const root = contentCopy();
    // The first byte decides which file the mutation lands in, so both get exercised.
    const file = (input[0] ?? 0) % 2 === 0 ? 'help-contacts.json' : 'incidents.json';
    fs.writeFileSync(path.join(root, 'checklists', file), input);
    try {
      await loadChecklistContent(root);
    } finally {
      fs.copyFileSync(path.join(REPO, 'resources/checklists', file), path.join(root, 'checklists', file));
    }
  },
};
