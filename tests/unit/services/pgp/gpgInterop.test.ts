import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPgpService,
  parseAndVerifyCard,
  parseRequestPlaintext,
} from '../../../../electron/services/pgp';
import { createMemoryRecordStore } from '../../../../electron/services/vault/recordStore';
import { createGpgHome, gpgGenerateKey, statusLines, type GpgHome } from '../../../fixtures/pgp/gpgHome';
import { makeFixtureTeam, SAMPLE_CARD_FIELDS } from '../../../fixtures/pgp/teamCards';
import { identityLabel } from './helpers';

/**
 * Interop with the real GnuPG 2.2 (/usr/bin/gpg) in a throw-away GNUPGHOME, both directions:
 * a team that works with gpg only must be able to publish a card, read requests and answer.
 */
describe('interop with GnuPG 2.2', () => {
  let gpg: GpgHome;
  let teamFingerprint: string;

  beforeAll(async () => {
    gpg = await createGpgHome();
    teamFingerprint = await gpgGenerateKey(gpg, 'Support Desk <desk@example.org>');
  });
  afterAll(async () => {
    await gpg.cleanup();
  });

  async function gpgTeamCard(extra: { hiddenRecipient?: boolean } = {}): Promise<string> {
    const publicKey = (await gpg.runOk(['--armor', '--export', teamFingerprint])).stdout.toString('utf8');
    const body = {
      format: 'tikho-contact-card',
      version: extra.hiddenRecipient === undefined ? 1 : 2,
      ...extra,
      teamId: 'gpg-desk',
      teamName: 'Десk на GnuPG',
      fingerprint: teamFingerprint,
      publicKeys: [publicKey],
      channels: { email: 'desk@example.org' },
      categories: ['labour-dispute', 'other'],
      issuedAt: new Date().toISOString(),
    };
    return (
      await gpg.runOk(['--clearsign', '--local-user', teamFingerprint], JSON.stringify(body, null, 2))
    ).stdout.toString('utf8');
  }

  it('a team whose card asks for hidden recipients gets requests that name no key, and gpg still opens them', async () => {
    const service = createPgpService({ records: createMemoryRecordStore() });
    await service.importCard(await gpgTeamCard({ hiddenRecipient: true }));
    await service.generateOwnKey();
    await gpg.runOk(['--import'], await service.exportOwnPublicKey());
    const sent = await service.composeRequest(
      {
        teamId: 'gpg-desk',
        category: 'other',
        fields: { whatHappened: 'Нужна консультация.', urgency: 'normal', replyVia: 'same-channel' },
        text: 'Скрытый получатель.',
        anonymous: false,
      },
      identityLabel,
    );
    const listed = await gpg.run(['--list-packets', '--status-fd', '2'], sent.armored);
    const keyIds = [
      ...listed.stdout.toString('utf8').matchAll(/:pubkey enc packet: .* keyid ([0-9A-F]{16})/g),
    ].map((m) => m[1]);
    expect(keyIds.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keyIds)).toEqual(new Set(['0000000000000000']));
    // gpg tries every secret key it has for an anonymous recipient.
    const decrypted = await gpg.run(['--status-fd', '2', '--decrypt'], sent.armored);
    expect(decrypted.code, decrypted.stderr).toBe(0);
    expect(statusLines(decrypted.stderr)).toContain('DECRYPTION_OKAY');
    expect(decrypted.stdout.toString('utf8')).toContain('Скрытый получатель.');
  });

  it('a card made with `gpg --clearsign` verifies in Tikho', async () => {
    const card = await parseAndVerifyCard(await gpgTeamCard());
    expect(card.view.fingerprint).toBe(teamFingerprint);
    expect(card.view.teamName).toBe('Десk на GnuPG');
  });

  it('a card made by Tikho verifies with `gpg --verify`', async () => {
    const team = await makeFixtureTeam(SAMPLE_CARD_FIELDS);
    await gpg.runOk(['--import'], team.key.armoredPublic);
    const verdict = await gpg.run(['--status-fd', '2', '--verify'], team.card);
    expect(verdict.code).toBe(0);
    expect(statusLines(verdict.stderr).some((l) => l.startsWith(`VALIDSIG ${team.key.fingerprint}`))).toBe(
      true,
    );
    // and a tampered one does not
    const tampered = await gpg.run(
      ['--status-fd', '2', '--verify'],
      team.card.replace('Example Support', 'Evil Support'),
    );
    expect(tampered.code).not.toBe(0);
    expect(statusLines(tampered.stderr).some((l) => l.startsWith('BADSIG'))).toBe(true);
  });

  it('request → gpg decrypts, verifies the user signature and finds the fields; gpg reply → Tikho shows it verified', async () => {
    const service = createPgpService({ records: createMemoryRecordStore() });
    await service.importCard(await gpgTeamCard());
    await service.markVerified('gpg-desk', teamFingerprint);
    const own = await service.generateOwnKey();
    // The team learns the user's key from the request itself (payload.replyKey) or out of band.
    await gpg.runOk(['--import'], await service.exportOwnPublicKey());

    const sent = await service.composeRequest(
      {
        teamId: 'gpg-desk',
        category: 'labour-dispute',
        fields: {
          whatHappened: 'Работодатель забрал паспорт и не платит.',
          urgency: 'urgent',
          replyVia: 'same-channel',
          employer: 'ООО «Стройка»',
          unpaidWages: 'yes',
          documentsHeldByEmployer: 'yes',
        },
        text: 'Пожалуйста, помогите.',
        anonymous: false,
      },
      identityLabel,
    );
    const decrypted = await gpg.run(['--status-fd', '2', '--decrypt'], sent.armored);
    const status = statusLines(decrypted.stderr);
    expect(decrypted.code).toBe(0);
    expect(status).toContain('DECRYPTION_OKAY');
    expect(status.some((l) => l.startsWith(`VALIDSIG ${own.fingerprint}`))).toBe(true);
    const plaintext = decrypted.stdout.toString('utf8');
    expect(plaintext).toContain('contact.field.employer: ООО «Стройка»');
    const payload = parseRequestPlaintext(decrypted.stdout);
    expect(payload.fields.documentsHeldByEmployer).toBe('yes');

    const reply = await gpg.runOk(
      [
        '--armor',
        '--trust-model',
        'always',
        '--encrypt',
        '--sign',
        '--local-user',
        teamFingerprint,
        '--recipient',
        own.fingerprint,
      ],
      'Ответ: мы свяжемся с вами завтра.',
    );
    const read = await service.readReply(reply.stdout.toString('utf8'), {
      requestId: sent.id,
      expectSigned: true,
    });
    expect(read.reply.text).toBe('Ответ: мы свяжемся с вами завтра.');
    expect(read.reply.signer.status).toBe('verified');
    expect(read.reply.signer.fingerprint).toBe(teamFingerprint);
    expect((await service.getRequest(sent.id))?.status).toBe('answered');
  });

  it('an anonymous request decrypts in gpg with no signature and carries a one-time reply key gpg can use', async () => {
    const service = createPgpService({ records: createMemoryRecordStore() });
    await service.importCard(await gpgTeamCard());
    const sent = await service.composeRequest(
      {
        teamId: 'gpg-desk',
        category: 'other',
        fields: { whatHappened: 'Анонимно', urgency: 'low', replyVia: 'same-channel' },
        text: '',
        anonymous: true,
      },
      identityLabel,
    );
    const decrypted = await gpg.runOk(['--status-fd', '2', '--decrypt'], sent.armored);
    const status = statusLines(decrypted.stderr);
    expect(status.some((l) => /^(GOODSIG|VALIDSIG|ERRSIG|NEWSIG)/.test(l))).toBe(false);
    const payload = parseRequestPlaintext(decrypted.stdout);
    const imported = await gpg.runOk(['--status-fd', '2', '--import'], payload.replyKey ?? '');
    const oneTimeFpr =
      statusLines(imported.stderr)
        .find((l) => l.startsWith('IMPORT_OK'))
        ?.split(' ')[2] ?? '';
    expect(oneTimeFpr).toMatch(/^[0-9A-F]{40}$/);
    const reply = await gpg.runOk(
      [
        '--armor',
        '--trust-model',
        'always',
        '--encrypt',
        '--sign',
        '--local-user',
        teamFingerprint,
        '--recipient',
        oneTimeFpr,
      ],
      'Получили анонимно.',
    );
    const read = await service.readReply(reply.stdout.toString('utf8'));
    expect(read.requestId).toBe(sent.id);
    expect(read.reply.decryptedWith).toBe('one-time-key');
    expect(read.reply.signer.status).toBe('known-unverified');
  });

  it('a secret key exported by gpg imports into Tikho as own key and decrypts gpg messages', async () => {
    const userFpr = await gpgGenerateKey(gpg, 'Moved User');
    const secret = (await gpg.runOk(['--armor', '--export-secret-keys', userFpr])).stdout.toString('utf8');
    const service = createPgpService({ records: createMemoryRecordStore() });
    const own = await service.importOwnKey(secret);
    expect(own.fingerprint).toBe(userFpr);
    const message = await gpg.runOk(
      ['--armor', '--trust-model', 'always', '--encrypt', '--recipient', userFpr],
      'привет',
    );
    expect((await service.readReply(message.stdout.toString('utf8'))).reply.text).toBe('привет');
  });

  it('a passphrase-protected gpg secret key imports with its passphrase only', async () => {
    await gpg.runOk([
      '--passphrase',
      'пароль 42',
      '--quick-gen-key',
      'Locked User',
      'future-default',
      'default',
      'never',
    ]);
    const secret = (
      await gpg.runOk(['--passphrase', 'пароль 42', '--armor', '--export-secret-keys', 'Locked User'])
    ).stdout.toString('utf8');
    const service = createPgpService({ records: createMemoryRecordStore() });
    await expect(service.importOwnKey(secret)).rejects.toMatchObject({ code: 'pgp/key-locked' });
    await expect(service.importOwnKey(secret, 'wrong')).rejects.toMatchObject({ code: 'pgp/bad-passphrase' });
    expect((await service.importOwnKey(secret, 'пароль 42')).userIds).toEqual(['Locked User']);
  });

  it('an own key generated by Tikho imports into gpg as a usable Curve25519 key', async () => {
    const service = createPgpService({ records: createMemoryRecordStore() });
    const own = await service.generateOwnKey({ name: 'Pseudonym' });
    await gpg.runOk(['--import'], await service.exportOwnPublicKey());
    const listing = (await gpg.runOk(['--with-colons', '--list-keys', own.fingerprint])).stdout.toString(
      'utf8',
    );
    expect(listing).toMatch(/^pub:[^:]*:255:22:/m); // EdDSA (22), 255 bits
    expect(listing).toMatch(/^sub:[^:]*:255:18:.*:e:/m); // ECDH (18) encryption subkey
    const revoked = await service.revokeOwnKey();
    await gpg.runOk(['--import'], revoked.revokedPublicKey);
    const after = (await gpg.runOk(['--with-colons', '--list-keys', own.fingerprint])).stdout.toString(
      'utf8',
    );
    expect(after).toMatch(/^pub:r:/m);
  });
});
