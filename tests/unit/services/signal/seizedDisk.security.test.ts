import { execFileSync } from 'node:child_process';
import { createDecipheriv } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  IdentityChange,
  IdentityKeyPair,
  IdentityKeyStore,
  ProtocolAddress,
  SessionRecord,
  SessionStore,
  SignalMessage,
  signalDecrypt,
} from '@signalapp/libsignal-client';
import type { PrivateKey, PublicKey } from '@signalapp/libsignal-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createChannelService,
  inPlaceEpochKeyFile,
  parseArmoredEnvelope,
} from '../../../../electron/services/signal';
import { openGcm } from '../../../../electron/services/vault/aead';
import { openSealedCopy } from '../../../../electron/services/vault/inPlaceFile';
import { deriveRecordKey } from '../../../../electron/services/vault/keyDerivation';
import { paddedLength } from '../../../../electron/services/vault/padding';
import {
  ADDRESS_BOX_BYTES,
  openRecord,
  RECORD_FILE_VERSION_ADDRESSED,
  recordAad,
} from '../../../../electron/services/vault/recordCodec';
import { createVaultService } from '../../../../electron/services/vault/vaultService';
import type { VaultService } from '../../../../electron/services/vault/vaultService';

/**
 * The adversary of issue 11 §5: the disk is imaged (ext4, no discard, so freed blocks keep their
 * bytes), the vault passphrase is coerced. The test plays that adversary with hindsight: it
 * knows the passphrase (so the master key and every record key), every record id the channel
 * ever used, and tries every epoch key it can carve from the image. The claim under test: no
 * envelope delivered before the seizure decrypts from any state found anywhere on the image.
 */
const PASS = 'correct horse battery staple';
const KDF = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
const BLOCK = 4096;
const EPOCH_LABEL = 'signal-epoch';
const EPOCH_COPY = 84;
const ROUNDS = 5;

function tryMount(): { root: string; image: string; cleanup: () => void } | { skip: string } {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) {
    return { skip: 'needs root on Linux to loop-mount an ext4 image' };
  }
  const base = mkdtempSync(join(tmpdir(), 'tikho-ext4-'));
  const image = join(base, 'disk.img');
  const root = join(base, 'mnt');
  try {
    writeFileSync(image, Buffer.alloc(32 * 1024 * 1024));
    execFileSync('mkfs.ext4', ['-q', '-F', '-b', String(BLOCK), '-E', 'nodiscard', image]);
    execFileSync('mkdir', ['-p', root]);
    execFileSync('mount', ['-o', 'loop', image, root]);
  } catch (error) {
    rmSync(base, { recursive: true, force: true });
    return {
      skip: `cannot create or loop-mount an ext4 image here: ${(error as Error).message.split('\n')[0]}`,
    };
  }
  let mounted = true;
  return {
    root,
    image,
    cleanup: () => {
      if (mounted) execFileSync('umount', [root]);
      mounted = false;
      rmSync(base, { recursive: true, force: true });
    },
  };
}

interface Party {
  vault: VaultService;
  dir: string;
  master: Buffer;
  vaultId: Buffer;
  /** Every (collection, id) of a channel record ever present: the adversary's hindsight. */
  ids: Set<string>;
}

async function openParty(dir: string): Promise<Party> {
  const vault = createVaultService({ dir, kdf: KDF });
  await vault.create(PASS, { withRecoveryCode: false });
  if (!vault.isUnlocked()) expect((await vault.unlock(PASS)).ok).toBe(true);
  const master = Buffer.from(vault.keyBuffersForTestsOnly()[0] ?? Buffer.alloc(0));
  return { vault, dir, master, vaultId: Buffer.from(vault.vaultId ?? '', 'hex'), ids: new Set() };
}

async function noteIds(party: Party, peers: string[]): Promise<void> {
  for (const id of await party.vault.records.list('signal-state')) party.ids.add(`signal-state\u0000${id}`);
  for (const peer of peers) party.ids.add(`signal-sessions\u0000${peer}.1`);
}

/** Every record of `party` the image holds, live or in free blocks, opened with the master key. */
function carveRecords(image: Buffer, party: Party): Array<{ collection: string; id: string; data: Buffer }> {
  const found: Array<{ collection: string; id: string; data: Buffer }> = [];
  const keys = [...party.ids].map((key) => {
    const [collection = '', id = ''] = key.split('\u0000');
    return { collection, id, key: deriveRecordKey(party.master, party.vaultId, collection, id) };
  });
  for (let at = 0; at + BLOCK <= image.length; at += BLOCK) {
    const version = image.readUInt16BE(at);
    if (version !== 1 && version !== RECORD_FILE_VERSION_ADDRESSED) continue;
    // Version 2 puts the fixed-size address box before the version-1 body (docs/vault-format.md).
    const skip = version === 1 ? 0 : ADDRESS_BOX_BYTES;
    const nonce = image.subarray(at + 2 + skip, at + 14 + skip);
    for (const { collection, id, key } of keys) {
      // GCM is CTR from counter 2: the first block of the inner plaintext tells the length.
      const decipher = createDecipheriv(
        'aes-256-ctr',
        key,
        Buffer.concat([nonce, Buffer.from([0, 0, 0, 2])]),
      );
      const head = decipher.update(image.subarray(at + 14 + skip, at + 22 + skip));
      const length = head.readUInt32BE(4);
      if (length > 1 << 20) continue;
      const total = 2 + skip + 12 + paddedLength(8 + length) + 16;
      if (at + total > image.length) continue;
      try {
        const opened = openRecord(
          key,
          recordAad(party.vaultId, collection, id),
          image.subarray(at, at + total),
        );
        found.push({ collection, id, data: Buffer.from(opened.data) });
      } catch {
        // not this record
      }
    }
  }
  return found;
}

/** Every epoch key any block of the image yields under the party's wrapping key. */
function carveEpochKeys(image: Buffer, wrapKey: Buffer | null): Buffer[] {
  if (wrapKey === null) return [];
  const keys: Buffer[] = [];
  for (let at = 0; at + BLOCK <= image.length; at += BLOCK) {
    for (const index of [0, 1] as const) {
      const opened = openSealedCopy(
        wrapKey,
        EPOCH_LABEL,
        index,
        image.subarray(at + index * EPOCH_COPY, at + (index + 1) * EPOCH_COPY),
      );
      if (opened) keys.push(opened.value.subarray(0, 32));
    }
  }
  return keys;
}

function decodeState(plain: Buffer): Map<string, Buffer> {
  const entries = new Map<string, Buffer>();
  let at = 5;
  for (let n = 0; n < plain.readUInt32BE(1); n += 1) {
    const keyLength = plain.readUInt16BE(at);
    const key = plain.subarray(at + 2, at + 2 + keyLength).toString('utf8');
    at += 2 + keyLength;
    const dataLength = plain.readUInt32BE(at);
    entries.set(key, plain.subarray(at + 4, at + 4 + dataLength));
    at += 4 + dataLength;
  }
  return entries;
}

interface CarvedState {
  sessions: Buffer[];
  identity: Buffer | null;
}

/** Session records (and the own identity) from every carved record, under every carved epoch key. */
function carvedStates(
  image: Buffer,
  party: Party,
  wrapKey: Buffer | null,
  liveIdentity: Buffer | null,
): CarvedState {
  const epochKeys = carveEpochKeys(image, wrapKey);
  const sessions: Buffer[] = [];
  let identity = liveIdentity;
  for (const record of carveRecords(image, party)) {
    if (record.collection === 'signal-sessions') sessions.push(record.data);
    if (record.collection !== 'signal-state') continue;
    for (const epochKey of epochKeys) {
      const plain = openGcm(
        Buffer.from(epochKey),
        record.data,
        Buffer.from(`tikho/signal-state/v1/${record.id}`, 'utf8'),
      );
      if (!plain) continue;
      for (const [key, value] of decodeState(plain)) {
        if (key.startsWith('signal-sessions\u0000')) sessions.push(Buffer.from(value));
        if (key === 'signal-local\u0000identity') identity = Buffer.from(value);
      }
    }
  }
  return { sessions, identity };
}

class OneSession extends SessionStore {
  constructor(private record: SessionRecord) {
    super();
  }
  override saveSession(_a: ProtocolAddress, record: SessionRecord): Promise<void> {
    this.record = record;
    return Promise.resolve();
  }
  override getSession(): Promise<SessionRecord | null> {
    return Promise.resolve(this.record);
  }
  override getExistingSessions(): Promise<SessionRecord[]> {
    return Promise.resolve([this.record]);
  }
}

class TrustAll extends IdentityKeyStore {
  constructor(
    private readonly pair: IdentityKeyPair,
    private readonly registrationId: number,
  ) {
    super();
  }
  override getIdentityKey(): Promise<PrivateKey> {
    return Promise.resolve(this.pair.privateKey);
  }
  override getLocalRegistrationId(): Promise<number> {
    return Promise.resolve(this.registrationId);
  }
  override saveIdentity(): Promise<IdentityChange> {
    return Promise.resolve(IdentityChange.NewOrUnchanged);
  }
  override isTrustedIdentity(): Promise<boolean> {
    return Promise.resolve(true);
  }
  override getIdentity(): Promise<PublicKey | null> {
    return Promise.resolve(null);
  }
}

/** How many of `envelopes` (whisper, addressed to this party) open with some carved session. */
async function decryptable(
  state: CarvedState,
  envelopes: Array<{ envelope: string; body: string }>,
): Promise<string[]> {
  if (state.identity === null) return [];
  const identity = JSON.parse(state.identity.toString('utf8')) as {
    address: string;
    registrationId: number;
    identityKeyPair: string;
  };
  const pair = IdentityKeyPair.deserialize(Buffer.from(identity.identityKeyPair, 'base64'));
  const opened: string[] = [];
  for (const { envelope, body } of envelopes) {
    const parsed = parseArmoredEnvelope(envelope);
    if (parsed.messageType !== 'whisper') continue;
    for (const session of state.sessions) {
      try {
        const plain = await signalDecrypt(
          SignalMessage.deserialize(Buffer.from(parsed.ciphertext)),
          ProtocolAddress.new(parsed.senderAddress, parsed.senderDeviceId),
          ProtocolAddress.new(identity.address, 1),
          new OneSession(SessionRecord.deserialize(Uint8Array.from(session))),
          new TrustAll(pair, identity.registrationId),
        );
        if (Buffer.from(plain).includes(Buffer.from(body, 'utf8'))) {
          opened.push(body);
          break;
        }
      } catch {
        // this state cannot open it
      }
    }
  }
  return opened;
}

describe('forward secrecy on a seized ext4 disk with the passphrase (issue 11 §5)', () => {
  let disk: ReturnType<typeof tryMount>;
  beforeAll(() => {
    disk = tryMount();
    if ('skip' in disk) console.warn(`seized-disk test skipped: ${disk.skip}`);
  });
  afterAll(() => {
    if ('cleanup' in disk) disk.cleanup();
  });

  it('history "none", several ratchet steps each way: no delivered envelope decrypts from any carved state; one sent after the seizure does (the carver works)', async (ctx) => {
    if ('skip' in disk) return ctx.skip();
    const { root, image } = disk;
    const user = await openParty(join(root, 'user', 'vault'));
    const desk = await openParty(join(root, 'desk', 'vault'));
    const userChannel = createChannelService({
      records: user.vault.records,
      role: 'user',
      epochKeyFile: inPlaceEpochKeyFile(join(user.dir, 'channel.epoch')),
    });
    const deskChannel = createChannelService({
      records: desk.vault.records,
      role: 'desk',
      epochKeyFile: inPlaceEpochKeyFile(join(desk.dir, 'channel.epoch')),
    });
    const deskAddress = (await deskChannel.describeSelf()).address;
    const userAddress = (await userChannel.describeSelf()).address;
    const note = async (): Promise<void> => {
      await noteIds(user, [deskAddress]);
      await noteIds(desk, [userAddress]);
    };
    const thread = await userChannel.startSession(await deskChannel.exportBundle());
    await userChannel.setRetention(thread.threadId, 'none');
    await note();
    const toUser: Array<{ envelope: string; body: string }> = [];
    const toDesk: Array<{ envelope: string; body: string }> = [];
    let deskThread = '';
    for (let round = 0; round < ROUNDS; round += 1) {
      for (let k = 0; k < 2; k += 1) {
        const body = `user secret r${round}k${k}`;
        const sent = await userChannel.send(thread.threadId, body);
        toDesk.push({ envelope: sent.envelope, body });
        await note();
        deskThread = (await deskChannel.receive(sent.envelope)).threadId;
        if (round === 0 && k === 0) await deskChannel.setRetention(deskThread, 'none');
        await note();
      }
      const body = `desk secret r${round}`;
      const reply = await deskChannel.send(deskThread, body);
      toUser.push({ envelope: reply.envelope, body });
      await note();
      expect((await userChannel.receive(reply.envelope)).message.body).toBe(body);
      await note();
    }
    // Sent but not delivered: the live states must open them, or the carver proves nothing.
    const late = { body: 'after the seizure', envelope: '' };
    late.envelope = (await deskChannel.send(deskThread, late.body)).envelope;
    const lateToDesk = { body: 'user, after the seizure', envelope: '' };
    lateToDesk.envelope = (await userChannel.send(thread.threadId, lateToDesk.body)).envelope;
    await note();
    const userWrap = await user.vault.records.read('signal-epoch-wrap', 'key');
    const deskWrap = await desk.vault.records.read('signal-epoch-wrap', 'key');
    const userLegacyIdentity = await user.vault.records.read('signal-local', 'identity');
    const deskLegacyIdentity = await desk.vault.records.read('signal-local', 'identity');
    await user.vault.lock();
    await desk.vault.lock();
    disk.cleanup = (
      (original) => () =>
        original()
    )(disk.cleanup);
    execFileSync('umount', [root]);
    execFileSync('mount', ['-o', 'loop', image, root]);
    const bytes = readFileSync(image);

    for (const { body } of [...toUser, ...toDesk]) {
      expect(bytes.includes(Buffer.from(body, 'utf8'))).toBe(false);
    }
    const userStates = carvedStates(
      bytes,
      user,
      userWrap && Buffer.from(userWrap),
      userLegacyIdentity && Buffer.from(userLegacyIdentity),
    );
    const deskStates = carvedStates(
      bytes,
      desk,
      deskWrap && Buffer.from(deskWrap),
      deskLegacyIdentity && Buffer.from(deskLegacyIdentity),
    );
    console.info(
      `seized-disk: carved ${userStates.sessions.length} user and ${deskStates.sessions.length} desk session states; ` +
        `${toUser.length + toDesk.length} delivered envelopes`,
    );
    expect(await decryptable(userStates, [late])).toEqual([late.body]);
    expect(await decryptable(deskStates, [lateToDesk])).toEqual([lateToDesk.body]);
    const openedForUser = await decryptable(userStates, toUser);
    const openedForDesk = await decryptable(deskStates, toDesk);
    console.info(
      `seized-disk: delivered envelopes opened from carved states: user ${openedForUser.length}, desk ${openedForDesk.length}`,
    );
    expect(openedForUser).toEqual([]);
    expect(openedForDesk).toEqual([]);
  });
});
