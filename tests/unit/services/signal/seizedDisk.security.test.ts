import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelService, inPlaceEpochKeyFile } from '../../../../electron/services/signal';
import { createVaultService } from '../../../../electron/services/vault/vaultService';
import { mountExt4Image } from '../../../fixtures/ext4Image';
import { carvedStates, decryptable, noteIds, type Party } from './channelCarver';

/**
 * The adversary of issue 11 §5: the disk is imaged (ext4, no discard, so freed blocks keep their
 * bytes), the vault passphrase is coerced. The test plays that adversary with hindsight: it
 * knows the passphrase (so the master key and every record key), every record id the channel
 * ever used, and tries every epoch key it can carve from the image. The claim under test: no
 * envelope delivered before the seizure decrypts from any state found anywhere on the image.
 */
const PASS = 'correct horse battery staple';
const KDF = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
const ROUNDS = 5;

async function openParty(dir: string): Promise<Party> {
  const vault = createVaultService({ dir, kdf: KDF });
  await vault.create(PASS, { withRecoveryCode: false });
  if (!vault.isUnlocked()) expect((await vault.unlock(PASS)).ok).toBe(true);
  const master = Buffer.from(vault.keyBuffersForTestsOnly()[0] ?? Buffer.alloc(0));
  return { vault, dir, master, vaultId: Buffer.from(vault.vaultId ?? '', 'hex'), ids: new Set() };
}

describe('forward secrecy on a seized ext4 disk with the passphrase (issue 11 §5)', () => {
  let disk: ReturnType<typeof mountExt4Image>;
  beforeAll(() => {
    disk = mountExt4Image('tikho-ext4-', 32);
    if ('skip' in disk) console.warn(`seized-disk test skipped: ${disk.skip}`);
  });
  afterAll(() => {
    if ('cleanup' in disk) disk.cleanup();
  });

  it('history "none", several ratchet steps each way: no delivered envelope decrypts from any carved state; one sent after the seizure does (the carver works)', async (ctx) => {
    if ('skip' in disk) return ctx.skip();
    const { root } = disk;
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
    const bytes = disk.snapshot();

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
