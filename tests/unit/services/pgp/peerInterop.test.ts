import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPgpService,
  MAX_CLOCK_SKEW_MS,
  parseAndVerifyCard,
  type PgpService,
} from '../../../../electron/services/pgp';
import { readKey } from 'openpgp';
import {
  readArmoredMessage,
  recipientKeyIds,
  WILDCARD_KEY_ID,
} from '../../../../electron/services/pgp/messageCrypto';
import { createMemoryRecordStore } from '../../../../electron/services/vault/recordStore';
import { createPeerDir, pgpMimeBody, type PeerDir } from '../../../fixtures/pgp/peers';
import { makeFixtureTeam, SAMPLE_CARD_FIELDS } from '../../../fixtures/pgp/teamCards';
import { codeOf, identityLabel } from './helpers';

/**
 * Interop with Sequoia (`sq` 0.27) and RNP (`rnp` 0.16, Thunderbird's engine), both directions,
 * Curve25519 (made by sq) and RSA 2048 (made by rnpkeys): what a real support team's tools do
 * with Tikho's requests and cards, and what Tikho does with theirs. Keys are made once per file.
 */
const SQ = '/usr/bin/sq';
const RNP = '/usr/bin/rnp';
const RNPKEYS = '/usr/bin/rnpkeys';

interface TeamKey {
  kind: 'cv25519' | 'rsa';
  fingerprint: string;
  secretFile: string;
  certFile: string;
  cert: string;
}

let peer: PeerDir;
let rnpHome: string;
const teams: Record<TeamKey['kind'], TeamKey> = {} as Record<TeamKey['kind'], TeamKey>;

function fingerprintOf(armored: string): string {
  const match = /Comment: ((?:[0-9A-F]{4} ?){5} ((?:[0-9A-F]{4} ?){5}))/.exec(armored);
  if (!match?.[1]) throw new Error('no fingerprint comment');
  return match[1].replace(/ /g, '');
}

beforeAll(async () => {
  peer = await createPeerDir('tp');
  rnpHome = join(peer.dir, 'rnp');
  await mkdir(rnpHome);
  // Curve25519 by Sequoia.
  const cvSecret = join(peer.dir, 'cv.key');
  await peer.ok(SQ, ['key', 'generate', '-u', 'Desk <desk@example.org>', '--export', cvSecret]);
  const cvCert = (await peer.ok(SQ, ['key', 'extract-cert', cvSecret])).stdout.toString('utf8');
  teams.cv25519 = {
    kind: 'cv25519',
    fingerprint: fingerprintOf(cvCert),
    secretFile: cvSecret,
    certFile: await peer.write('cv.cert', cvCert),
    cert: cvCert,
  };
  // RSA 2048 by RNP (its default), exported for sq too.
  await peer.ok(RNPKEYS, [
    '--homedir',
    rnpHome,
    '--generate-key',
    '--userid',
    'rsa@example.org',
    '--password',
    '',
  ]);
  const rsaCert = (
    await peer.ok(RNPKEYS, ['--homedir', rnpHome, '--export-key', 'rsa@example.org'])
  ).stdout.toString('utf8');
  const rsaSecret = (
    await peer.ok(RNPKEYS, ['--homedir', rnpHome, '--export-key', '--secret', 'rsa@example.org'])
  ).stdout.toString('utf8');
  const listing = (await peer.ok(SQ, ['inspect'], rsaCert)).stdout.toString('utf8');
  const fpr = /Fingerprint: ([0-9A-F]{40})/.exec(listing)?.[1];
  if (!fpr) throw new Error('no rsa fingerprint');
  teams.rsa = {
    kind: 'rsa',
    fingerprint: fpr,
    secretFile: await peer.write('rsa.key', rsaSecret),
    certFile: await peer.write('rsa.cert', rsaCert),
    cert: rsaCert,
  };
  await peer.ok(RNPKEYS, ['--homedir', rnpHome, '--import', cvSecret]);
}, 60_000);

afterAll(async () => {
  await peer.cleanup();
});

const cardBody = (
  team: TeamKey,
  extra: Partial<{ publicKeys: string[]; issuedAt: string; hiddenRecipient: boolean }> = {},
) =>
  JSON.stringify(
    {
      format: 'tikho-contact-card',
      version: extra.hiddenRecipient === undefined ? 1 : 2,
      ...(extra.hiddenRecipient === undefined ? {} : { hiddenRecipient: extra.hiddenRecipient }),
      teamId: `${team.kind}-desk`,
      teamName: 'Служба поддержки',
      fingerprint: team.fingerprint,
      publicKeys: extra.publicKeys ?? [team.cert],
      channels: { email: 'desk@example.org' },
      categories: ['labour-dispute', 'other'],
      issuedAt: extra.issuedAt ?? new Date().toISOString(),
    },
    null,
    2,
  );

async function sqClearsign(team: TeamKey, text: string): Promise<string> {
  return (
    await peer.ok(SQ, ['sign', '--cleartext-signature', '--signer-key', team.secretFile], text)
  ).stdout.toString('utf8');
}

async function rnpClearsign(team: TeamKey, text: string): Promise<string> {
  const input = await peer.write(`in-${team.kind}.txt`, text);
  await peer.ok(RNP, [
    '--homedir',
    rnpHome,
    '--clearsign',
    '-u',
    team.fingerprint,
    '--password',
    '',
    '--overwrite',
    '--output',
    `${input}.asc`,
    input,
  ]);
  return peer.read(`in-${team.kind}.txt.asc`);
}

/** A service with its own key and the team's card imported, the way a person sets it up. */
async function personWith(
  team: TeamKey,
  card: { hiddenRecipient?: boolean } = {},
): Promise<{ pgp: PgpService; ownPublic: string }> {
  const pgp = createPgpService({ records: createMemoryRecordStore() });
  await pgp.generateOwnKey();
  await pgp.importCard(await sqClearsign(team, cardBody(team, card)));
  return { pgp, ownPublic: await pgp.exportOwnPublicKey() };
}

async function sqEncrypt(options: {
  to: string[];
  signer?: TeamKey;
  data: string | Uint8Array;
  time?: Date;
}): Promise<string> {
  const args = ['encrypt'];
  for (const [i, cert] of options.to.entries())
    args.push('--recipient-cert', await peer.write(`to-${i}.cert`, cert));
  if (options.signer) args.push('--signer-key', options.signer.secretFile);
  if (options.time) args.push('--time', options.time.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  return (await peer.ok(SQ, args, options.data)).stdout.toString('utf8');
}

async function rnpEncrypt(options: {
  to: string[];
  signer?: TeamKey;
  data: string | Uint8Array;
  time?: Date;
}): Promise<string> {
  const args = ['--homedir', rnpHome, '-e', '--armor', '--password', ''];
  for (const [i, cert] of options.to.entries()) {
    const file = await peer.write(`rnp-to-${i}.cert`, cert);
    await peer.ok(RNPKEYS, ['--homedir', rnpHome, '--import', file]);
    const fpr = /Fingerprint: ([0-9A-F]{40})/.exec(
      (await peer.ok(SQ, ['inspect'], cert)).stdout.toString('utf8'),
    )?.[1];
    args.push('-r', fpr ?? '');
  }
  if (options.signer) args.push('-s', '-u', options.signer.fingerprint);
  if (options.time) args.push('--current-time', String(Math.floor(options.time.getTime() / 1000)));
  return (await peer.ok(RNP, args, options.data)).stdout.toString('utf8');
}

const draft = (teamId: string, text: string, anonymous: boolean) => ({
  teamId,
  category: 'other',
  anonymous,
  fields: { whatHappened: 'Задержали на акции', urgency: 'urgent', replyVia: 'same-channel' },
  text,
});

const peers = {
  sq: { clearsign: sqClearsign, encrypt: sqEncrypt, team: () => teams.cv25519 },
  rnp: { clearsign: rnpClearsign, encrypt: rnpEncrypt, team: () => teams.rsa },
} as const;

describe.each(['sq', 'rnp'] as const)('interop with %s', (name) => {
  const tool = peers[name];

  it('a card signed by the peer verifies in Tikho, and a Tikho card verifies in the peer', async () => {
    const team = tool.team();
    const card = await parseAndVerifyCard(await tool.clearsign(team, cardBody(team)));
    expect(card.view.fingerprint).toBe(team.fingerprint);

    const tikho = await makeFixtureTeam(SAMPLE_CARD_FIELDS);
    const certFile = await peer.write('tikho-team.cert', tikho.key.armoredPublic);
    if (name === 'sq') {
      expect((await peer.run(SQ, ['verify', '--signer-cert', certFile], tikho.card)).code).toBe(0);
      expect(
        (await peer.run(SQ, ['verify', '--signer-cert', certFile], tikho.card.replace('Example', 'Exarnple')))
          .code,
      ).not.toBe(0);
    } else {
      await peer.ok(RNPKEYS, ['--homedir', rnpHome, '--import', certFile]);
      expect((await peer.run(RNP, ['--homedir', rnpHome, '--verify'], tikho.card)).code).toBe(0);
      expect(
        (await peer.run(RNP, ['--homedir', rnpHome, '--verify'], tikho.card.replace('Example', 'Exarnple')))
          .code,
      ).not.toBe(0);
    }
  });

  it('signed and anonymous requests (sender key as a wildcard recipient) open in the peer; replies to own and one-time keys verify', async () => {
    const team = tool.team();
    const { pgp, ownPublic } = await personWith(team);
    const signed = await pgp.composeRequest(
      draft(`${team.kind}-desk`, 'Помогите, пожалуйста', false),
      identityLabel,
    );
    // The team's key is named (RNP 0.16 needs it), the person's own key is not (issue 11 §7).
    const named = recipientKeyIds(await readArmoredMessage(signed.armored));
    const ownKeyIds = (await readKey({ armoredKey: ownPublic }))
      .getKeyIDs()
      .map((id) => id.toHex().toUpperCase());
    expect(named).toContain(WILDCARD_KEY_ID);
    expect(named.filter((id) => ownKeyIds.includes(id))).toEqual([]);
    expect(named.filter((id) => id !== WILDCARD_KEY_ID)).toHaveLength(1);
    const opened = await peerDecrypt(name, team, signed.armored);
    expect(opened).toContain('Помогите, пожалуйста');

    const anonymous = await pgp.composeRequest(draft(`${team.kind}-desk`, 'Анонимно', true), identityLabel);
    expect(await peerDecrypt(name, team, anonymous.armored)).toContain('Анонимно');
    const oneTimeKey = anonymous.payload.replyKey ?? '';

    const toOwn = await tool.encrypt({ to: [ownPublic], signer: team, data: 'Ответ на ваш ключ' });
    const ownReply = await pgp.readReply(toOwn, { requestId: signed.id });
    expect(ownReply.reply.text).toBe('Ответ на ваш ключ');
    expect(ownReply.reply.signer.status).toBe('known-unverified');

    const toOneTime = await tool.encrypt({
      to: [oneTimeKey],
      signer: team,
      data: 'Ответ на одноразовый ключ',
    });
    const oneTimeReply = await pgp.readReply(toOneTime);
    expect(oneTimeReply.requestId).toBe(anonymous.id);
    expect(oneTimeReply.reply.decryptedWith).toBe('one-time-key');
  }, 30_000);

  it("a card asking for hidden recipients: requests name no key at all; Sequoia opens them, RNP 0.16 cannot (why it is the team's choice)", async () => {
    const team = tool.team();
    const { pgp } = await personWith(team, { hiddenRecipient: true });
    const request = await pgp.composeRequest(
      draft(`${team.kind}-desk`, 'Никаких имён', false),
      identityLabel,
    );
    const named = recipientKeyIds(await readArmoredMessage(request.armored));
    expect(named.length).toBeGreaterThanOrEqual(2);
    expect(new Set(named)).toEqual(new Set([WILDCARD_KEY_ID]));
    if (name === 'sq') {
      expect(await peerDecrypt(name, team, request.armored)).toContain('Никаких имён');
    } else {
      // Debian's rnp 0.16 has no hidden-recipient support (added in 0.17, off by default there).
      const attempt = await peer.run(RNP, ['--homedir', rnpHome, '-d', '--password', ''], request.armored);
      expect(attempt.code).not.toBe(0);
    }
  }, 30_000);

  it('a PGP/MIME reply shows its quoted-printable Cyrillic text and offers the attachment', async () => {
    const team = tool.team();
    const { pgp, ownPublic } = await personWith(team);
    const request = await pgp.composeRequest(draft(`${team.kind}-desk`, 'Вопрос', false), identityLabel);
    const file = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x10]);
    const text =
      'Здравствуйте! Ваш адвокат свяжется с вами завтра. Длинная строка, чтобы проверить мягкие переносы.';
    const armored = await tool.encrypt({
      to: [ownPublic],
      signer: team,
      data: pgpMimeBody({ text, fileName: 'договор.pdf', file }),
    });
    const { reply } = await pgp.readReply(armored, { requestId: request.id });
    expect(reply.text.trim()).toBe(text);
    expect(reply.text).not.toContain('=D0');
    expect(reply.attachments).toEqual([
      { name: 'договор.pdf', mediaType: 'application/octet-stream', size: file.length },
    ]);
    const saved = await pgp.replyAttachment(request.id, reply.id, 0);
    expect([...saved.data]).toEqual([...file]);
  }, 30_000);

  it('a card carrying the team secret key after its certificate is refused', async () => {
    const team = tool.team();
    const secretArmor = name === 'sq' ? await peer.read('cv.key') : await peer.read('rsa.key');
    // The cert followed by the secret key's packets, in one armored "public key" block.
    const certBinary = (await peer.ok(SQ, ['dearmor'], team.cert)).stdout;
    const secretBinary = (await peer.ok(SQ, ['dearmor'], secretArmor)).stdout;
    const smuggled = (
      await peer.ok(SQ, ['armor', '--label', 'cert'], Buffer.concat([certBinary, secretBinary]))
    ).stdout.toString('utf8');
    const card = await tool.clearsign(team, cardBody(team, { publicKeys: [smuggled] }));
    expect(await codeOf(parseAndVerifyCard(card))).toBe('pgp/secret-key-in-public-block');
  }, 30_000);
});

async function peerDecrypt(name: 'sq' | 'rnp', team: TeamKey, armored: string): Promise<string> {
  if (name === 'sq') {
    return (await peer.ok(SQ, ['decrypt', '--recipient-key', team.secretFile], armored)).stdout.toString(
      'utf8',
    );
  }
  return (await peer.ok(RNP, ['--homedir', rnpHome, '-d', '--password', ''], armored)).stdout.toString(
    'utf8',
  );
}

describe('clock skew and revocation from the peers', () => {
  // sq 0.27 cannot date a signature other than now (--time picks keys only); gpg's skew test
  // is in gpgInterop.test.ts.
  it(`rnp: a signature dated within ${MAX_CLOCK_SKEW_MS / 60000} minutes ahead is accepted; beyond, it is "signed in the future"`, async () => {
    const team = teams.rsa;
    const { pgp, ownPublic } = await personWith(team);
    const ahead = await rnpEncrypt({
      to: [ownPublic],
      signer: team,
      data: 'Часы спешат',
      time: new Date(Date.now() + 10 * 60_000),
    });
    expect((await pgp.readReply(ahead)).reply.signer.status).toBe('known-unverified');
    const far = await rnpEncrypt({
      to: [ownPublic],
      signer: team,
      data: 'Часы спешат сильно',
      time: new Date(Date.now() + 2 * 3600_000),
    });
    expect(await codeOf(pgp.readReply(far))).toBe('pgp/signed-in-future');
  }, 30_000);

  it('sq: a revocation certificate for a known team blocks composing and marks later replies', async () => {
    const team = teams.cv25519;
    const { pgp, ownPublic } = await personWith(team);
    const request = await pgp.composeRequest(draft('cv25519-desk', 'До отзыва', false), identityLabel);
    const before = await sqEncrypt({ to: [ownPublic], signer: team, data: 'Подписано до отзыва' });
    await pgp.readReply(before, { requestId: request.id });
    const revokedAt = new Date(Date.now() + 1000);
    const revoked = (
      await peer.ok(SQ, [
        'revoke',
        'certificate',
        '--certificate',
        team.secretFile,
        '--time',
        revokedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        'compromised',
        'stolen laptop',
      ])
    ).stdout.toString('utf8');
    const result = await pgp.importCard(revoked);
    expect(result.kind).toBe('revoked');
    expect(result.team.revocation?.reason).toBe('compromised');
    expect(await codeOf(pgp.composeRequest(draft('cv25519-desk', 'x', false), identityLabel))).toBe(
      'pgp/team-revoked',
    );
    // rnp holds the same Curve25519 key and, unlike sq, can date a signature.
    const after = await rnpEncrypt({
      to: [ownPublic],
      signer: team,
      data: 'Подписано после отзыва',
      time: new Date(revokedAt.getTime() + 60_000),
    });
    expect(await codeOf(pgp.readReply(after, { requestId: request.id }))).toBe('pgp/team-revoked');
    const thread = await pgp.getRequest(request.id);
    expect(thread?.replies.map((reply) => reply.signedAfterRevocation)).toEqual([false]);
  }, 30_000);

  it("rnp: an exported revocation (--export-rev) is applied; an unknown key's revocation changes nothing", async () => {
    const team = teams.rsa;
    const pgp = createPgpService({ records: createMemoryRecordStore() });
    await pgp.importCard(await rnpClearsign(team, cardBody(team)));
    const revocation = (
      await peer.ok(RNPKEYS, [
        '--homedir',
        rnpHome,
        '--export-rev',
        team.fingerprint,
        '--rev-type',
        'superseded',
        '--password',
        '',
      ])
    ).stdout.toString('utf8');
    const result = await pgp.importCard(revocation);
    expect(result.kind).toBe('revoked');
    expect(result.team.revocation?.reason).toBe('superseded');

    const stranger = createPgpService({ records: createMemoryRecordStore() });
    await stranger.importCard(await sqClearsign(teams.cv25519, cardBody(teams.cv25519)));
    expect(await codeOf(stranger.importCard(revocation))).toBe('pgp/revocation-unknown-key');
    expect((await stranger.listTeams())[0]?.revocation).toBeNull();
  }, 30_000);
});
