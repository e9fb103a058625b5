import { describe, expect, it } from 'vitest';
import { createMessage, decrypt, encrypt, readKey, readMessage, readPrivateKey } from 'openpgp';
import { PGP_CONFIG } from '../../../../electron/services/pgp/openpgpConfig';
import { createPgpService, parseRequestPlaintext } from '../../../../electron/services/pgp';
import { createMemoryRecordStore } from '../../../../electron/services/vault/recordStore';
import { makeFixtureTeam, type FixtureTeam } from '../../../fixtures/pgp/teamCards';
import { codeOf, identityLabel, teamReply } from './helpers';

const labourDraft = {
  teamId: 'example-support',
  category: 'labour-dispute',
  fields: {
    whatHappened: 'Работодатель не платит зарплату три месяца.',
    where: 'Wrocław',
    urgency: 'urgent',
    replyVia: 'same-channel',
    employer: 'ООО «Ромашка»',
    unpaidWages: 'yes',
    documentsHeldByEmployer: 'yes',
  },
  text: 'Паспорт у бригадира.',
  anonymous: false,
};

async function setup(): Promise<{
  service: ReturnType<typeof createPgpService>;
  team: FixtureTeam;
  records: ReturnType<typeof createMemoryRecordStore>;
}> {
  const records = createMemoryRecordStore();
  const service = createPgpService({ records });
  const team = await makeFixtureTeam();
  await service.importCard(team.card);
  return { service, team, records };
}

async function decryptAs(
  armored: string,
  secret: string,
): Promise<{ bytes: Uint8Array; signerIds: string[] }> {
  const result = await decrypt({
    message: await readMessage({ armoredMessage: armored }),
    decryptionKeys: await readPrivateKey({ armoredKey: secret }),
    format: 'binary',
  });
  return { bytes: result.data, signerIds: result.signatures.map((s) => s.keyID.toHex()) };
}

describe('requests', () => {
  it('encrypts a signed request the team can read, with fields, readable text and padding', async () => {
    const { service, team } = await setup();
    const own = await service.generateOwnKey();
    const label = (key: string) => `«${key}»`;
    const sent = await service.composeRequest(labourDraft, label);
    expect(sent.status).toBe('encrypted');
    expect(sent.teamVerifiedAtSend).toBe(false);
    expect(sent.armored.startsWith('-----BEGIN PGP MESSAGE-----')).toBe(true);

    const { bytes, signerIds } = await decryptAs(sent.armored, team.key.armoredSecret);
    expect(bytes.length).toBe(4096); // the payload (own public key included) pads to the 4 KiB bucket
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('«contact.field.employer»: ООО «Ромашка»');
    expect(text).toContain('«contact.field.urgency»: «contact.option.urgency.urgent»');
    const payload = parseRequestPlaintext(bytes);
    expect(payload.fields.employer).toBe('ООО «Ромашка»');
    expect(payload.text).toBe('Паспорт у бригадира.');
    expect(payload.replyKey).toBe(await service.exportOwnPublicKey());
    const ownKey = await readKey({ armoredKey: await service.exportOwnPublicKey() });
    expect(signerIds).toEqual([ownKey.getKeyID().toHex()]);
    expect(own.fingerprint).toBe(ownKey.getFingerprint().toUpperCase());
  });

  it('lets the user reread what they sent with their own key', async () => {
    const { service, records } = await setup();
    await service.generateOwnKey();
    const sent = await service.composeRequest(labourDraft, identityLabel);
    const [ownId] = await records.list('pgp-own-keys');
    const stored = JSON.parse(
      new TextDecoder().decode((await records.read('pgp-own-keys', ownId ?? ''))!),
    ) as { armoredSecret: string };
    const { bytes } = await decryptAs(sent.armored, stored.armoredSecret);
    expect(parseRequestPlaintext(bytes).category).toBe('labour-dispute');
  });

  it('pads requests of different lengths to the same size', async () => {
    const { service, team } = await setup();
    await service.generateOwnKey();
    const short = await service.composeRequest({ ...labourDraft, text: 'a' }, identityLabel);
    const long = await service.composeRequest({ ...labourDraft, text: 'a'.repeat(600) }, identityLabel);
    const a = await decryptAs(short.armored, team.key.armoredSecret);
    const b = await decryptAs(long.armored, team.key.armoredSecret);
    expect(a.bytes.length).toBe(b.bytes.length);
  });

  it('anonymous mode: no signature, no long-term key among recipients, a one-time key to reply to', async () => {
    const { service, team, records } = await setup();
    await service.generateOwnKey();
    const ownPublic = await readKey({ armoredKey: await service.exportOwnPublicKey() });
    const sent = await service.composeRequest({ ...labourDraft, anonymous: true }, identityLabel);
    expect(sent.anonymous).toBe(true);

    const message = await readMessage({ armoredMessage: sent.armored });
    const recipients = message.getEncryptionKeyIDs().map((id) => id.toHex());
    for (const id of ownPublic.getKeyIDs()) expect(recipients).not.toContain(id.toHex());

    const { bytes, signerIds } = await decryptAs(sent.armored, team.key.armoredSecret);
    expect(signerIds).toEqual([]);
    const payload = parseRequestPlaintext(bytes);
    expect(payload.replyKey).toBeDefined();
    const replyKey = await readKey({ armoredKey: payload.replyKey ?? '' });
    expect(replyKey.getFingerprint()).not.toBe(ownPublic.getFingerprint());
    expect(replyKey.getUserIDs().join()).not.toMatch(/tikho/i);
    expect(await records.list('pgp-reply-keys')).toEqual([replyKey.getFingerprint().toUpperCase()]);

    // The team answers to the one-time key; the reply lands in the request's thread by itself.
    const reply = await teamReply({
      text: 'Мы получили ваш запрос.',
      to: [payload.replyKey ?? ''],
      signerSecret: team.key.armoredSecret,
    });
    const read = await service.readReply(reply);
    expect(read.requestId).toBe(sent.id);
    expect(read.reply.decryptedWith).toBe('one-time-key');
    expect(read.reply.text).toBe('Мы получили ваш запрос.');
    expect(read.reply.signer.status).toBe('known-unverified');
    const thread = await service.getRequest(sent.id);
    expect(thread?.status).toBe('answered');
    expect(thread?.replies.map((r) => r.text)).toEqual(['Мы получили ваш запрос.']);

    await service.removeRequest(sent.id);
    expect(await records.list('pgp-reply-keys')).toEqual([]);
  });

  it('a reply naming no recipient is tried key after key and lands in the thread of the key that opens it', async () => {
    const { service, team } = await setup();
    await service.generateOwnKey();
    const first = await service.composeRequest({ ...labourDraft, anonymous: true }, identityLabel);
    const second = await service.composeRequest({ ...labourDraft, anonymous: true }, identityLabel);
    const { bytes } = await decryptAs(second.armored, team.key.armoredSecret);
    const replyKey = parseRequestPlaintext(bytes).replyKey ?? '';
    // Wildcard recipient (RFC 9580 §5.1): the own key and the other one-time key fail before this one.
    const reply = await encrypt({
      message: await createMessage({ binary: new TextEncoder().encode('Ответ на второй запрос.') }),
      encryptionKeys: await readKey({ armoredKey: replyKey }),
      signingKeys: await readPrivateKey({ armoredKey: team.key.armoredSecret }),
      wildcard: true,
      config: PGP_CONFIG,
      format: 'armored',
    });
    const read = await service.readReply(reply);
    expect(read.requestId).toBe(second.id);
    expect(read.reply.decryptedWith).toBe('one-time-key');
    expect(read.reply.text).toBe('Ответ на второй запрос.');
    expect((await service.getRequest(first.id))?.replies).toEqual([]);
    const [filed] = (await service.getRequest(second.id))?.replies ?? [];
    expect(filed?.text).toBe('Ответ на второй запрос.');
  });

  it('anonymous mode works without any own key', async () => {
    const { service } = await setup();
    const sent = await service.composeRequest({ ...labourDraft, anonymous: true }, identityLabel);
    expect(sent.anonymous).toBe(true);
  });

  it('tracks status encrypted → sent → answered', async () => {
    const { service, team } = await setup();
    await service.markVerified('example-support', team.key.fingerprint);
    await service.generateOwnKey();
    const sent = await service.composeRequest(labourDraft, identityLabel);
    expect(sent.teamVerifiedAtSend).toBe(true);
    expect((await service.markSent(sent.id)).status).toBe('sent');
    const reply = await teamReply({
      text: 'ok',
      to: [await service.exportOwnPublicKey()],
      signerSecret: team.key.armoredSecret,
    });
    const read = await service.readReply(reply, { requestId: sent.id });
    expect(read.reply.signer.status).toBe('verified');
    expect(read.reply.signer.teamId).toBe('example-support');
    expect(read.reply.signer.fingerprint).toBe(team.key.fingerprint);
    const listed = await service.listRequests();
    expect(listed.map((r) => r.status)).toEqual(['answered']);
    expect(await codeOf(service.markSent('no-such-id'))).toBe('pgp/unknown-request');
  });

  it('refuses invalid drafts with the offending field', async () => {
    const { service } = await setup();
    await service.generateOwnKey();
    const cases: [unknown, string][] = [
      [{ ...labourDraft, fields: { ...labourDraft.fields, urgency: 'tomorrow' } }, 'urgency'],
      [{ ...labourDraft, fields: { ...labourDraft.fields, employer: '' } }, 'employer'],
      [{ ...labourDraft, fields: { ...labourDraft.fields, employer: 'x'.repeat(201) } }, 'employer'],
      [{ ...labourDraft, fields: { ...labourDraft.fields, employer: 'a\nFake: line' } }, 'employer'],
      [{ ...labourDraft, fields: { ...labourDraft.fields, prisonerName: 'x' } }, '(root)'],
      [{ ...labourDraft, text: 'bad\u0000byte' }, 'text'],
      [{ ...labourDraft, category: 'tax' }, 'category'],
    ];
    for (const [draft, field] of cases) {
      let caught: { code?: string; params?: Record<string, unknown> } = {};
      try {
        await service.composeRequest(draft, identityLabel);
      } catch (error) {
        caught = error as typeof caught;
      }
      expect(caught.code).toBe('pgp/request-invalid');
      expect(caught.params?.field).toBe(field);
    }
  });

  it('refuses a category the team does not handle, an unknown team, and a signed request without own key', async () => {
    const records = createMemoryRecordStore();
    const service = createPgpService({ records });
    const team = await makeFixtureTeam({ categories: ['legal-aid'] });
    await service.importCard(team.card);
    const legalDraft = {
      ...labourDraft,
      category: 'legal-aid',
      fields: { whatHappened: 'Обыск', urgency: 'normal', replyVia: 'email', repressionKind: 'search' },
    };
    expect(await codeOf(service.composeRequest(legalDraft, identityLabel))).toBe('pgp/no-own-key');
    await service.generateOwnKey();
    expect(await codeOf(service.composeRequest(legalDraft, identityLabel))).toBe('no error');
    expect(await codeOf(service.composeRequest(labourDraft, identityLabel))).toBe('pgp/category-not-handled');
    expect(
      await codeOf(service.composeRequest({ ...labourDraft, teamId: 'nobody-here' }, identityLabel)),
    ).toBe('pgp/unknown-team');
  });
});
