import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { generateKey } from 'openpgp';
import { createPgpService } from '../../../../electron/services/pgp';
import { createMemoryRecordStore } from '../../../../electron/services/vault/recordStore';
import { makeFixtureTeam } from '../../../fixtures/pgp/teamCards';
import { codeOf, identityLabel, teamReply } from './helpers';

async function userWithTeam() {
  const records = createMemoryRecordStore();
  const service = createPgpService({ records });
  const team = await makeFixtureTeam();
  await service.importCard(team.card);
  await service.markVerified('example-support', team.key.fingerprint);
  await service.generateOwnKey();
  return { service, team, ownPublic: await service.exportOwnPublicKey() };
}

const KNOWN_CODES = new Set([
  'pgp/not-text',
  'pgp/input-too-large',
  'pgp/malformed-armor',
  'pgp/truncated',
  'pgp/unexpected-block',
  'pgp/not-for-you',
  'pgp/message-corrupted',
]);

describe('bad input to readReply', () => {
  it('binary garbage → pgp/malformed-armor', async () => {
    const { service } = await userWithTeam();
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) % 256)).toString(
      'latin1',
    );
    expect(await codeOf(service.readReply(garbage))).toBe('pgp/malformed-armor');
    expect(await codeOf(service.readReply('Hello, this is not PGP at all'))).toBe('pgp/malformed-armor');
  });

  it('a 10 MB paste → pgp/input-too-large, refused before parsing', async () => {
    const { service, ownPublic } = await userWithTeam();
    const real = await teamReply({ text: 'x', to: [ownPublic] });
    const huge = real + 'A'.repeat(10 * 1024 * 1024);
    expect(await codeOf(service.readReply(huge))).toBe('pgp/input-too-large');
  });

  it('a message cut before its END line → pgp/truncated', async () => {
    const { service, ownPublic } = await userWithTeam();
    const real = await teamReply({ text: 'hello', to: [ownPublic] });
    expect(await codeOf(service.readReply(real.slice(0, Math.floor(real.length * 0.6))))).toBe(
      'pgp/truncated',
    );
  });

  it('a message with lines missing from the middle → pgp/truncated', async () => {
    const { service, ownPublic } = await userWithTeam();
    const real = await teamReply({ text: 'hello '.repeat(200), to: [ownPublic] });
    const lines = real.split('\n');
    const cut = [...lines.slice(0, 4), ...lines.slice(lines.length - 3)].join('\n');
    expect(await codeOf(service.readReply(cut))).toBe('pgp/truncated');
  });

  it('broken base64 inside a complete armor → pgp/malformed-armor', async () => {
    const { service } = await userWithTeam();
    expect(
      await codeOf(service.readReply('-----BEGIN PGP MESSAGE-----\n\n!!!!@@@@\n-----END PGP MESSAGE-----\n')),
    ).toBe('pgp/malformed-armor');
  });

  it('a key pasted where a message is expected → pgp/unexpected-block', async () => {
    const { service, ownPublic } = await userWithTeam();
    expect(await codeOf(service.readReply(ownPublic))).toBe('pgp/unexpected-block');
  });

  it('a ciphertext with a flipped byte → pgp/message-corrupted', async () => {
    const { service, ownPublic } = await userWithTeam();
    const real = await teamReply({ text: 'integrity matters '.repeat(20), to: [ownPublic] });
    const lines = real.split('\n');
    const bodyIndex = lines.findIndex((line, i) => i > 2 && line.length > 40);
    const line = lines[bodyIndex] ?? '';
    lines[bodyIndex] = line.slice(0, 20) + (line[20] === 'A' ? 'B' : 'A') + line.slice(21);
    const code = await codeOf(service.readReply(lines.join('\n')));
    expect(['pgp/message-corrupted', 'pgp/malformed-armor']).toContain(code);
  });

  it('a message for another key → pgp/not-for-you', async () => {
    const { service } = await userWithTeam();
    const stranger = await generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name: 's' }] });
    const forOther = await teamReply({ text: 'not yours', to: [stranger.publicKey] });
    expect(await codeOf(service.readReply(forOther))).toBe('pgp/not-for-you');
  });

  it('a signature that does not verify → pgp/bad-signature, nothing attached', async () => {
    const { service, team, ownPublic } = await userWithTeam();
    const sent = await service.composeRequest(
      {
        teamId: 'example-support',
        category: 'other',
        fields: { whatHappened: 'x', urgency: 'low', replyVia: 'email' },
        text: '',
        anonymous: false,
      },
      identityLabel,
    );
    const forged = await teamReply({
      text: 'Send money to this account',
      to: [ownPublic],
      signerSecret: team.key.armoredSecret,
      breakSignature: true,
    });
    expect(await codeOf(service.readReply(forged, { requestId: sent.id }))).toBe('pgp/bad-signature');
    expect((await service.getRequest(sent.id))?.replies).toEqual([]);
  });

  it('an unsigned reply is shown as unsigned, and refused when a signature is required', async () => {
    const { service, ownPublic } = await userWithTeam();
    const unsigned = await teamReply({ text: 'no signature', to: [ownPublic] });
    expect((await service.readReply(unsigned)).reply.signer.status).toBe('unsigned');
    expect(await codeOf(service.readReply(unsigned, { expectSigned: true }))).toBe('pgp/missing-signature');
  });

  it('a reply signed by a key the app does not hold is "unknown", with its key id', async () => {
    const { service, ownPublic } = await userWithTeam();
    const stranger = await generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name: 's' }] });
    const reply = await teamReply({ text: 'who am I', to: [ownPublic], signerSecret: stranger.privateKey });
    const signer = (await service.readReply(reply)).reply.signer;
    expect(signer.status).toBe('unknown');
    expect(signer.keyId).toMatch(/^[0-9A-F]{16}$/);
    expect(signer.teamId).toBeNull();
  });

  it('a reply signed by a team key revoked since → pgp/key-revoked', async () => {
    const records = createMemoryRecordStore();
    const service = createPgpService({ records });
    await service.generateOwnKey();
    const ownPublic = await service.exportOwnPublicKey();
    const team = await makeFixtureTeam();
    await service.importCard(team.card);
    const reply = await teamReply({
      text: 'signed, then revoked',
      to: [ownPublic],
      signerSecret: team.key.armoredSecret,
    });
    // The stored team key is replaced by its revoked form (as after a revocation becomes known).
    const { readKey, revokeKey } = await import('openpgp');
    const revoked = await revokeKey({
      key: await readKey({ armoredKey: team.key.armoredPublic }),
      revocationCertificate: team.key.revocationCertificate,
      format: 'armored',
    });
    const [, id] = [...records.dump().keys()].find((k) => k.startsWith('pgp-teams'))!.split('\u0000');
    const stored = JSON.parse(new TextDecoder().decode((await records.read('pgp-teams', id ?? ''))!)) as {
      card: { body: { publicKeys: string[] } };
    };
    stored.card.body.publicKeys = [revoked.publicKey];
    await records.write('pgp-teams', id ?? '', new TextEncoder().encode(JSON.stringify(stored)));
    expect(await codeOf(service.readReply(reply))).toBe('pgp/key-revoked');
  });

  fcTest.prop([fc.string({ maxLength: 2000 })], { numRuns: 60 })(
    'never crashes on arbitrary text: a known code every time',
    async (input) => {
      const service = createPgpService({ records: createMemoryRecordStore() });
      await service.generateOwnKey();
      const code = await codeOf(
        service.readReply(`-----BEGIN PGP MESSAGE-----\n\n${input}\n-----END PGP MESSAGE-----`),
      );
      expect(KNOWN_CODES.has(code)).toBe(true);
    },
  );

  fcTest.prop([fc.uint8Array({ maxLength: 3000 })], { numRuns: 60 })(
    'never crashes on arbitrary bytes',
    async (bytes) => {
      const service = createPgpService({ records: createMemoryRecordStore() });
      const code = await codeOf(service.readReply(Buffer.from(bytes).toString('latin1')));
      expect(KNOWN_CODES.has(code)).toBe(true);
    },
  );
});

describe('bad input elsewhere', () => {
  it('a team whose key has expired cannot be written to → pgp/key-expired', async () => {
    const past = new Date(Date.now() - 10 * 86_400_000);
    const expiring = await generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name: 'x' }],
      keyExpirationTime: 86_400,
      date: past,
      format: 'armored',
    });
    const { createCard } = await import('../../../../electron/services/pgp');
    const { SAMPLE_CARD_FIELDS } = await import('../../../fixtures/pgp/teamCards');
    const card = await createCard(expiring.privateKey, SAMPLE_CARD_FIELDS, { now: past });
    const records = createMemoryRecordStore();
    let now = new Date(past.getTime() + 1000);
    const service = createPgpService({ records, clock: () => now });
    await service.importCard(card);
    await service.generateOwnKey();
    now = new Date();
    const draft = {
      teamId: 'example-support',
      category: 'other',
      fields: { whatHappened: 'x', urgency: 'low', replyVia: 'email' },
      text: '',
      anonymous: false,
    };
    expect(await codeOf(service.composeRequest(draft, identityLabel))).toBe('pgp/key-expired');
  });
});
