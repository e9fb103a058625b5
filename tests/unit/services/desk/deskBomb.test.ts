import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeskService } from '../../../../electron/services/desk/deskService';
import { parseAndVerifyCard } from '../../../../electron/services/pgp';
import { FULL_CONFIG } from '../../../../electron/services/pgp/openpgpConfig';
import { createChannelService } from '../../../../electron/services/signal';
import { recordBackedEpochKeyFileForTests } from '../../../../electron/services/signal/epochKeyFile';
import { createMemoryRecordStore } from '../../../../electron/services/vault/recordStore';
import { createGpgHome, type GpgHome } from '../../../fixtures/pgp/gpgHome';
import { codeOf } from '../pgp/helpers';

/**
 * Issue 18 §4 for the desk side: a request that is a zlib bomb made by GnuPG is refused without
 * expanding it. The bound is openpgp's maxDecompressedMessageSize (PGP_CONFIG, 16 MiB, stated in
 * docs/threat-model.md); the bomb expands to 16 times that. Replies and cards: gpgHostile.test.ts;
 * checklist updates refuse any compressed packet: checklistUpdates.test.ts.
 */
const BOMB_BYTES = 256 * 1024 * 1024;

describe('desk: compressed requests', () => {
  let gpg: GpgHome;
  beforeAll(async () => {
    gpg = await createGpgHome();
  });
  afterAll(async () => {
    await gpg.cleanup();
  });

  it(`a ${BOMB_BYTES / 1024 / 1024} MiB zlib bomb from gpg is refused and nothing reaches the inbox`, async () => {
    expect(BOMB_BYTES).toBeGreaterThan(FULL_CONFIG.maxDecompressedMessageSize * 8);
    const records = createMemoryRecordStore();
    const channel = createChannelService({
      records,
      role: 'desk',
      clock: () => Date.now(),
      epochKeyFile: recordBackedEpochKeyFileForTests(records),
    });
    const desk = createDeskService({
      records,
      exportBundle: () => channel.exportBundle(),
      clock: () => new Date(),
    });
    await desk.saveDetails({
      teamId: 'bomb-desk',
      teamName: 'Desk',
      channels: { email: 'd@example.org' },
      categories: ['other'],
    });
    const card = await parseAndVerifyCard((await desk.publishCard()).text);
    const deskKey = card.keys[0];
    if (!deskKey) throw new Error('card without a key');
    await gpg.runOk(['--import'], deskKey.armor());

    const bomb = (
      await gpg.runOk(
        [
          '--armor',
          '--trust-model',
          'always',
          '--compress-algo',
          'zlib',
          '-z',
          '9',
          '--encrypt',
          '--recipient',
          deskKey.getFingerprint(),
        ],
        new Uint8Array(BOMB_BYTES),
      )
    ).stdout.toString('utf8');
    // Small enough to pass the input cap: the refusal below is the decompression bound's.
    expect(bomb.length).toBeLessThan(1024 * 1024);

    const before = process.memoryUsage().rss;
    expect(await codeOf(desk.openRequest(bomb))).toBe('pgp/message-corrupted');
    // Far below what expanding it would take.
    expect(process.memoryUsage().rss - before).toBeLessThan(BOMB_BYTES / 4);
    expect(await desk.listInbox()).toEqual([]);
  }, 120_000);
});
