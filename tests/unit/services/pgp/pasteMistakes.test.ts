import { describe, expect, it } from 'vitest';
import { createPgpService } from '../../../../electron/services/pgp';
import { armorIdentity } from '../../../../electron/services/pgp/armorIdentity';
import { createMemoryRecordStore } from '../../../../electron/services/vault/recordStore';
import { makeFixtureTeam } from '../../../fixtures/pgp/teamCards';
import { codeOf, identityLabel, teamReply } from './helpers';

/** Issue 16 §7: what people paste by mistake is refused or kept once, and can be taken back. */
const draft = {
  teamId: 'example-support',
  category: 'labour-dispute',
  fields: {
    whatHappened: 'Работодатель не платит зарплату.',
    where: 'Wrocław',
    urgency: 'urgent',
    replyVia: 'same-channel',
    employer: 'ООО «Ромашка»',
    unpaidWages: 'yes',
    documentsHeldByEmployer: 'no',
  },
  text: '',
  anonymous: false,
};

async function setup() {
  const records = createMemoryRecordStore();
  const service = createPgpService({ records });
  const team = await makeFixtureTeam();
  await service.importCard(team.card);
  await service.generateOwnKey();
  const sent = await service.composeRequest(draft, identityLabel);
  const reply = await teamReply({
    text: 'We got it.',
    to: [await service.exportOwnPublicKey()],
    signerSecret: team.key.armoredSecret,
  });
  return { service, sent, reply };
}

describe('pasting mistakes', () => {
  it('stores the same reply pasted twice once, also when re-wrapped with CRLF and a Comment header', async () => {
    const { service, sent, reply } = await setup();
    const first = await service.readReply(reply, { requestId: sent.id });
    expect(first.duplicate).toBe(false);
    const rewrapped = reply
      .replace('-----BEGIN PGP MESSAGE-----\n', '-----BEGIN PGP MESSAGE-----\nComment: pasted from mail\n')
      .replace(/\n/g, '\r\n');
    const again = await service.readReply(rewrapped, { requestId: sent.id });
    expect(again.duplicate).toBe(true);
    expect(again.reply.id).toBe(first.reply.id);
    expect((await service.getRequest(sent.id))?.replies).toHaveLength(1);
  });

  it('refuses one’s own request pasted as a reply, naming it, and stores nothing', async () => {
    const { service, sent } = await setup();
    expect(await codeOf(service.readReply(sent.armored, { requestId: sent.id }))).toBe(
      'pgp/own-request-pasted',
    );
    expect(await codeOf(service.readReply(sent.armored))).toBe('pgp/own-request-pasted');
    const thread = await service.getRequest(sent.id);
    expect(thread?.replies).toHaveLength(0);
    expect(thread?.status).toBe('encrypted');
  });

  it('removes a wrong paste and puts the thread back to sent', async () => {
    const { service, sent, reply } = await setup();
    await service.markSent(sent.id);
    const read = await service.readReply(reply, { requestId: sent.id });
    expect((await service.getRequest(sent.id))?.status).toBe('answered');
    const after = await service.removeReply(sent.id, read.reply.id);
    expect(after.replies).toHaveLength(0);
    expect(after.status).toBe('sent');
    expect(await codeOf(service.removeReply(sent.id, read.reply.id))).toBe('pgp/unknown-reply');
    // Removed, it can be pasted again.
    expect((await service.readReply(reply, { requestId: sent.id })).duplicate).toBe(false);
  });

  it('sees the same packets through different armor', () => {
    const body = 'wV4DAAAAAAAAAAASAQdAabc\nZGVm\n';
    const a = `-----BEGIN PGP MESSAGE-----\n\n${body}=AbCd\n-----END PGP MESSAGE-----\n`;
    const b = `-----BEGIN PGP MESSAGE-----\r\nVersion: x\r\n\r\n${body.replace(/\n/g, '')}\r\n=AbCd\r\n-----END PGP MESSAGE-----`;
    expect(armorIdentity(a)).toBe(armorIdentity(b));
    expect(armorIdentity(a)).not.toBe(armorIdentity(a.replace('ZGVm', 'ZGVn')));
  });
});
