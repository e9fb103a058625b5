import { describe, expect, it } from 'vitest';
import { createDeskService, DESK_COLLECTIONS } from '../../../../electron/services/desk/deskService';
import { createPgpService, parseAndVerifyCard } from '../../../../electron/services/pgp';
import { generateLegacyCurve25519Key } from '../../../../electron/services/pgp/keyMaterial';
import {
  readArmoredMessage,
  recipientKeyIds,
  WILDCARD_KEY_ID,
} from '../../../../electron/services/pgp/messageCrypto';
import { createChannelService } from '../../../../electron/services/signal';
import {
  memoryChannelStorageForTests,
  recordBackedEpochKeyFileForTests,
} from '../../../../electron/services/signal/epochKeyFile';
import { createMemoryRecordStore } from '../../../../electron/services/vault/recordStore';
import type { DeskDetails } from '../../../../shared/channel/deskTypes';
import { makeFixtureTeam } from '../../../fixtures/pgp/teamCards';
import { codeOf, identityLabel } from '../pgp/helpers';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2025, 2, 1, 9, 0, 0);

const DETAILS: DeskDetails = {
  teamId: 'kovcheg-help',
  teamName: 'Kovcheg Help Desk',
  channels: { email: 'help@example.org', telegramBot: '@kovcheg_help_bot' },
  categories: ['labour-dispute', 'asylum-relocation', 'other'],
};

const labourDraft = {
  teamId: DETAILS.teamId,
  category: 'labour-dispute',
  fields: {
    whatHappened: 'Работодатель не платит зарплату три месяца.',
    urgency: 'urgent',
    replyVia: 'same-channel',
    employer: 'ООО «Ромашка»',
    unpaidWages: 'yes',
    documentsHeldByEmployer: 'yes',
  },
  text: 'Паспорт у бригадира.',
  anonymous: false,
};

function makeDesk(clock = { now: T0 }) {
  const records = createMemoryRecordStore();
  const channel = createChannelService({
    records,
    role: 'desk',
    clock: () => clock.now,
    epochKeyFile: recordBackedEpochKeyFileForTests(records),
  });
  const desk = createDeskService({
    records,
    exportBundle: () => channel.exportBundle(),
    clock: () => new Date(clock.now),
  });
  return { records, channel, desk, clock };
}

/** A user who imported and confirmed the desk's card, with an own key for signed requests. */
async function makeUser(card: string, now = T0) {
  const records = createMemoryRecordStore();
  const pgp = createPgpService({ records, clock: () => new Date(now) });
  const { team } = await pgp.importCard(card);
  await pgp.markVerified(team.teamId, team.fingerprint);
  await pgp.generateOwnKey();
  return { records, pgp, team };
}

describe('desk: team key and card issuing', () => {
  it('refuses to publish before the team is set up', async () => {
    const { desk } = makeDesk();
    expect(await codeOf(desk.publishCard())).toBe('desk/not-set-up');
    expect((await desk.status()).setUp).toBe(false);
  });

  it('publishes a signed v2 card whose bundle opens a working session', async () => {
    const { desk, channel } = makeDesk();
    const status = await desk.saveDetails(DETAILS);
    expect(status.fingerprintGroups).toHaveLength(10);
    const card = await desk.publishCard();

    const verified = await parseAndVerifyCard(card.text, { now: new Date(T0) });
    expect(verified.view.version).toBe(2);
    expect(verified.view.teamName).toBe(DETAILS.teamName);
    expect(verified.view.fingerprintGroups).toEqual(status.fingerprintGroups);
    expect(verified.view.channelBundle).toEqual(await channel.exportBundle());

    const user = createChannelService({ ...memoryChannelStorageForTests(), role: 'user', clock: () => T0 });
    const thread = await user.startSession(verified.view.channelBundle);
    const { envelope } = await user.send(thread.threadId, 'Здравствуйте');
    const received = await channel.receive(envelope);
    expect(received.message.body).toBe('Здравствуйте');
    expect(received.newThread).toBe(true);
  });

  it('keeps the team key when the details change, and the old card is no longer offered', async () => {
    const { desk } = makeDesk();
    const first = await desk.saveDetails(DETAILS);
    await desk.publishCard();
    const second = await desk.saveDetails({ ...DETAILS, teamName: 'Kovcheg' });
    expect(second.fingerprintGroups).toEqual(first.fingerprintGroups);
    expect(second.card).toBeNull();
  });

  it('imports an existing team key instead of generating one', async () => {
    const { desk } = makeDesk();
    const key = await generateLegacyCurve25519Key({ name: 'Kovcheg', now: new Date(T0) });
    const status = await desk.saveDetails(DETAILS, { armoredSecret: key.armoredSecret });
    expect(status.fingerprintGroups?.join('')).toBe(key.fingerprint);
    expect(await codeOf(makeDesk().desk.saveDetails(DETAILS, { armoredSecret: key.armoredPublic }))).toBe(
      'pgp/not-a-secret-key',
    );
  });

  it('re-issues the card after the pre-keys rotate, and not before', async () => {
    const { desk, clock } = makeDesk();
    await desk.saveDetails(DETAILS);
    const first = await desk.publishCard();
    clock.now = T0 + 10 * DAY;
    expect(await desk.refreshCard()).toEqual({ reissued: false });
    clock.now = T0 + 31 * DAY;
    expect(await desk.refreshCard()).toEqual({ reissued: true });
    const next = (await desk.status()).card;
    expect(next?.text).not.toBe(first.text);
    const verified = await parseAndVerifyCard(next?.text, { now: new Date(clock.now) });
    expect(Date.parse(verified.view.channelBundle?.issuedAt ?? '')).toBe(T0 + 31 * DAY);
  });
});

describe('desk: PGP inbox', () => {
  async function deskWithCard() {
    const made = makeDesk();
    await made.desk.saveDetails(DETAILS);
    const card = await made.desk.publishCard();
    return { ...made, card };
  }

  it('decrypts a signed request: category, fields, text; one thread per person', async () => {
    const { desk, card } = await deskWithCard();
    const user = await makeUser(card.text);
    const first = await user.pgp.composeRequest(labourDraft, identityLabel);
    // A desk's card carries its channel: the request names no key, not even the desk's.
    const named = recipientKeyIds(await readArmoredMessage(first.armored));
    expect(new Set(named)).toEqual(new Set([WILDCARD_KEY_ID]));
    const opened = await desk.openRequest(first.armored);
    expect(opened.newPerson).toBe(true);
    expect(opened.entry.category).toBe('labour-dispute');
    expect(opened.entry.fields.employer).toBe('ООО «Ромашка»');
    expect(opened.entry.text).toBe('Паспорт у бригадира.');
    expect(opened.entry.signature).toBe('signed');
    expect(opened.person.anonymous).toBe(false);
    const own = await user.pgp.getOwnKey();
    expect(opened.person.personId).toBe(own?.fingerprint);

    const second = await user.pgp.composeRequest({ ...labourDraft, text: 'Ещё одно.' }, identityLabel);
    const again = await desk.openRequest(second.armored);
    expect(again.newPerson).toBe(false);
    expect(again.person.personId).toBe(opened.person.personId);
    expect(await desk.listInbox()).toHaveLength(1);
    expect((await desk.openPerson(opened.person.personId)).entries).toHaveLength(2);
  });

  it('recognises the same request pasted twice and keeps one copy', async () => {
    const { desk, card, records } = await deskWithCard();
    const user = await makeUser(card.text);
    const sent = await user.pgp.composeRequest(labourDraft, identityLabel);
    await desk.openRequest(sent.armored);
    const before = new Map(records.dump());
    expect(await codeOf(desk.openRequest(sent.armored))).toBe('desk/request-duplicate');
    expect(records.dump()).toEqual(before);
  });

  it('an anonymous request is its own unsigned thread', async () => {
    const { desk, card } = await deskWithCard();
    const user = await makeUser(card.text);
    await desk.openRequest((await user.pgp.composeRequest(labourDraft, identityLabel)).armored);
    const anon = await user.pgp.composeRequest({ ...labourDraft, anonymous: true }, identityLabel);
    const opened = await desk.openRequest(anon.armored);
    expect(opened.newPerson).toBe(true);
    expect(opened.person.anonymous).toBe(true);
    expect(opened.entry.signature).toBe('unsigned');
    expect(await desk.listInbox()).toHaveLength(2);
  });

  it('answers to the reply key, signed by the team: the user reads it as from the verified team', async () => {
    const { desk, card } = await deskWithCard();
    const user = await makeUser(card.text);
    const sent = await user.pgp.composeRequest({ ...labourDraft, anonymous: true }, identityLabel);
    const { person } = await desk.openRequest(sent.armored);
    const { armored, entry } = await desk.reply(person.personId, 'Мы получили ваш запрос.');
    expect(entry.direction).toBe('out');
    const read = await user.pgp.readReply(armored);
    expect(read.reply.text).toBe('Мы получили ваш запрос.');
    expect(read.reply.signer.status).toBe('verified');
    expect(read.requestId).toBe(sent.id);
    expect((await desk.openPerson(person.personId)).entries.map((e) => e.direction)).toEqual(['in', 'out']);
  });

  it('refuses a request made for another team, and garbage, without storing anything', async () => {
    const { desk, records } = await deskWithCard();
    const other = await makeFixtureTeam({ teamId: DETAILS.teamId }, new Date(T0));
    const user = await makeUser(other.card);
    const elsewhere = await user.pgp.composeRequest(labourDraft, identityLabel);
    const before = new Map(records.dump());
    expect(await codeOf(desk.openRequest(elsewhere.armored))).toBe('desk/request-not-for-desk');
    expect(await codeOf(desk.openRequest('hello'))).toBe('pgp/malformed-armor');
    expect(await codeOf(desk.openRequest(elsewhere.armored.slice(0, 300)))).not.toBe('no error');
    expect(records.dump()).toEqual(before);
    expect(await records.list(DESK_COLLECTIONS.inbox)).toEqual([]);
  });

  it('an unknown person cannot be answered', async () => {
    const { desk } = await deskWithCard();
    expect(await codeOf(desk.reply('A'.repeat(40), 'hi'))).toBe('desk/unknown-person');
  });
});
