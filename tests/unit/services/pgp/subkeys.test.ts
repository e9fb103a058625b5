import { describe, expect, it } from 'vitest';
import { generateKey, type PrivateKey } from 'openpgp';
import { createPgpService } from '../../../../electron/services/pgp';
import { createCard } from '../../../../electron/services/pgp/contactCard';
import { readArmoredMessage, recipientKeyIds } from '../../../../electron/services/pgp/messageCrypto';
import { createMemoryRecordStore } from '../../../../electron/services/vault/recordStore';
import { SAMPLE_CARD_FIELDS } from '../../../fixtures/pgp/teamCards';
import { codeOf, identityLabel } from './helpers';

/** Issue 14 §5: a team key whose encryption subkey was revoked after the person imported it. */
async function teamWithTwoEncryptionSubkeys(): Promise<PrivateKey> {
  const { privateKey } = await generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'Desk' }],
    subkeys: [{}, {}],
    date: new Date(Date.now() - 120_000),
    format: 'object',
  });
  return privateKey;
}

async function revokeSubkey(key: PrivateKey, index: number): Promise<PrivateKey> {
  const subkey = key.subkeys[index];
  if (!subkey) throw new Error('no subkey');
  const revoked = await subkey.revoke(key.keyPacket as never);
  key.subkeys[index] = revoked;
  return key;
}

const draft = {
  teamId: SAMPLE_CARD_FIELDS.teamId,
  category: 'other',
  anonymous: false,
  fields: { whatHappened: 'x', urgency: 'low', replyVia: 'email' },
  text: '',
};

describe('team encryption subkeys', () => {
  it('one subkey revoked on a re-issued card: the other is used; all revoked: said at import', async () => {
    const key = await teamWithTwoEncryptionSubkeys();
    const pgp = createPgpService({ records: createMemoryRecordStore() });
    await pgp.generateOwnKey();
    const t0 = new Date(Date.now() - 60_000);
    await pgp
      .importCard(await createCard(key.armor(), SAMPLE_CARD_FIELDS, { now: t0 }))
      .catch((e: unknown) => {
        throw new Error(JSON.stringify(e));
      });

    const [first, second] = key.subkeys.map((subkey) => subkey.getKeyID().toHex().toUpperCase());
    await revokeSubkey(key, 1);
    const updated = await pgp.importCard(await createCard(key.armor(), SAMPLE_CARD_FIELDS));
    expect(updated.kind).toBe('updated');
    const sent = await pgp.composeRequest(draft, identityLabel);
    const recipients = recipientKeyIds(await readArmoredMessage(sent.armored));
    expect(recipients).toContain(first);
    expect(recipients).not.toContain(second);

    await revokeSubkey(key, 0);
    expect(await codeOf(pgp.importCard(await createCard(key.armor(), SAMPLE_CARD_FIELDS)))).toBe(
      'pgp/key-revoked',
    );
  });
});
