import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgpService, type PgpService } from '../../../../electron/services/pgp';
import { parseAndVerifyCard } from '../../../../electron/services/pgp/contactCard';
import { createMemoryRecordStore } from '../../../../electron/services/vault/recordStore';
import { createGpgHome, gpgGenerateKey, type GpgHome } from '../../../fixtures/pgp/gpgHome';
import { codeOf } from './helpers';

/**
 * What GnuPG can send that Tikho must handle: a zlib bomb (issue 18 §4), hidden recipients
 * (`--throw-keyids`, issue 11 §7) and a clock set ahead (`--faked-system-time`, issue 14 §1).
 */
describe('hostile and odd input made by GnuPG', () => {
  let gpg: GpgHome;
  let teamFpr: string;
  let pgp: PgpService;

  beforeAll(async () => {
    gpg = await createGpgHome();
    teamFpr = await gpgGenerateKey(gpg, 'Desk <desk@example.org>');
    pgp = createPgpService({ records: createMemoryRecordStore() });
    await pgp.generateOwnKey();
    await gpg.runOk(['--import'], await pgp.exportOwnPublicKey());
    const publicKey = (await gpg.runOk(['--armor', '--export', teamFpr])).stdout.toString('utf8');
    const body = {
      format: 'tikho-contact-card',
      version: 1,
      teamId: 'gpg-desk',
      teamName: 'Desk',
      fingerprint: teamFpr,
      publicKeys: [publicKey],
      channels: { email: 'desk@example.org' },
      categories: ['other'],
      issuedAt: new Date().toISOString(),
    };
    await pgp.importCard(
      (await gpg.runOk(['--clearsign', '--local-user', teamFpr], JSON.stringify(body))).stdout.toString(
        'utf8',
      ),
    );
  }, 30_000);
  afterAll(async () => {
    await gpg.cleanup();
  });

  const own = async () => (await pgp.getOwnKey())?.fingerprint ?? '';
  const encryptArgs = async (extra: string[]) => [
    '--armor',
    '--trust-model',
    'always',
    '--encrypt',
    '--recipient',
    await own(),
    '--sign',
    '--local-user',
    teamFpr,
    ...extra,
  ];

  it('a 64 MiB zlib bomb from gpg is refused quickly, without expanding it', async () => {
    const zeros = new Uint8Array(64 * 1024 * 1024);
    const bomb = (
      await gpg.runOk([...(await encryptArgs(['--compress-algo', 'zlib', '-z', '9']))], zeros)
    ).stdout.toString('utf8');
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const started = performance.now();
    const before = process.memoryUsage().rss;
    expect(await codeOf(pgp.readReply(bomb))).toBe('pgp/message-corrupted');
    expect(performance.now() - started).toBeLessThan(5000);
    expect(process.memoryUsage().rss - before).toBeLessThan(48 * 1024 * 1024);
    expect((await pgp.listRequests()).flatMap((request) => request.replies)).toEqual([]);

    // A card whose signature block is that compressed stream: refused as a card, not expanded.
    const card = (
      await gpg.runOk(
        ['--clearsign', '--local-user', teamFpr],
        JSON.stringify({ format: 'tikho-contact-card' }),
      )
    ).stdout.toString('utf8');
    const signatureStart = card.indexOf('-----BEGIN PGP SIGNATURE-----');
    const bombBody = bomb.slice(bomb.indexOf('\n\n') + 2, bomb.indexOf('-----END PGP MESSAGE-----'));
    const smuggled = `${card.slice(0, signatureStart)}-----BEGIN PGP SIGNATURE-----\n\n${bombBody}-----END PGP SIGNATURE-----\n`;
    expect(await codeOf(parseAndVerifyCard(smuggled))).toMatch(/^pgp\/card-/);
  }, 30_000);

  it('a reply with hidden recipients (gpg --throw-keyids) opens and verifies', async () => {
    const reply = (
      await gpg.runOk(await encryptArgs(['--throw-keyids']), 'Скрытый получатель')
    ).stdout.toString('utf8');
    const { reply: read } = await pgp.readReply(reply);
    expect(read.text).toBe('Скрытый получатель');
    expect(read.signer.status).toBe('known-unverified');
  });

  it('gpg with its clock 10 minutes ahead is accepted; 2 hours ahead is "signed in the future"', async () => {
    const at = (ms: number) => `${Math.floor((Date.now() + ms) / 1000)}`;
    const near = (
      await gpg.runOk(['--faked-system-time', at(10 * 60_000), ...(await encryptArgs([]))], 'ok')
    ).stdout.toString('utf8');
    expect((await pgp.readReply(near)).reply.text).toBe('ok');
    const far = (
      await gpg.runOk(['--faked-system-time', at(2 * 3600_000), ...(await encryptArgs([]))], 'far')
    ).stdout.toString('utf8');
    expect(await codeOf(pgp.readReply(far))).toBe('pgp/signed-in-future');
  });
});
