import { describe, expect, it } from 'vitest';
import { encryptKey, readKey, readPrivateKey } from 'openpgp';
import { createPgpService } from '../../../../electron/services/pgp';
import { createMemoryRecordStore } from '../../../../electron/services/vault/recordStore';
import { makeFixtureTeam } from '../../../fixtures/pgp/teamCards';
import { codeOf, identityLabel, teamReply } from './helpers';

describe('own key', () => {
  it('generates a v4 legacy Curve25519 key with a neutral user id, kept only in the record store', async () => {
    const records = createMemoryRecordStore();
    const service = createPgpService({ records });
    expect(await service.getOwnKey()).toBeNull();
    const own = await service.generateOwnKey();
    expect(own.userIds).toEqual(['Anonymous']);
    expect(own.algorithm).toBe('eddsaLegacy/ed25519Legacy');
    expect(own.validity).toBe('valid');
    expect(own.fingerprintGroups).toHaveLength(10);

    const publicKey = await readKey({ armoredKey: await service.exportOwnPublicKey() });
    expect(publicKey.isPrivate()).toBe(false);
    expect(publicKey.keyPacket.version).toBe(4);
    expect(publicKey.subkeys[0]?.getAlgorithmInfo()).toEqual({
      algorithm: 'ecdh',
      curve: 'curve25519Legacy',
    });

    const secretRecords = [...records.dump().entries()].filter(([, bytes]) =>
      new TextDecoder().decode(bytes).includes('PRIVATE KEY BLOCK'),
    );
    expect(secretRecords.map(([key]) => key.split('\u0000')[0])).toEqual(['pgp-own-keys']);
    // Passphrase-less on purpose: the vault encrypts the record.
    const stored = JSON.parse(new TextDecoder().decode(secretRecords[0]?.[1])) as { armoredSecret: string };
    expect((await readPrivateKey({ armoredKey: stored.armoredSecret })).isDecrypted()).toBe(true);
  });

  it('accepts a pseudonym', async () => {
    const service = createPgpService({ records: createMemoryRecordStore() });
    expect((await service.generateOwnKey({ name: 'Лиса' })).userIds).toEqual(['Лиса']);
  });

  it('imports an armored secret key, unlocking a passphrase-protected one', async () => {
    const source = createPgpService({ records: createMemoryRecordStore() });
    const own = await source.generateOwnKey({ name: 'Moved' });
    const records = createMemoryRecordStore();
    // Take the secret out of the first service's store, lock it with a passphrase as gpg would.
    const sourceRecords = createMemoryRecordStore();
    const sourceService = createPgpService({ records: sourceRecords });
    await sourceService.generateOwnKey({ name: 'Locked' });
    const [fp] = await sourceRecords.list('pgp-own-keys');
    const plain = JSON.parse(
      new TextDecoder().decode((await sourceRecords.read('pgp-own-keys', fp ?? ''))!),
    ) as { armoredSecret: string };
    const locked = (
      await encryptKey({
        privateKey: await readPrivateKey({ armoredKey: plain.armoredSecret }),
        passphrase: 'correct horse',
      })
    ).armor();

    const service = createPgpService({ records });
    expect(await codeOf(service.importOwnKey(locked))).toBe('pgp/key-locked');
    expect(await codeOf(service.importOwnKey(locked, 'wrong'))).toBe('pgp/bad-passphrase');
    const imported = await service.importOwnKey(locked, 'correct horse');
    expect(imported.fingerprint).toBe(fp);
    expect(imported.userIds).toEqual(['Locked']);
    expect(own.fingerprint).not.toBe(fp);
  });

  it('refuses a public key, garbage and a truncated key as own key with specific codes', async () => {
    const service = createPgpService({ records: createMemoryRecordStore() });
    const other = createPgpService({ records: createMemoryRecordStore() });
    await other.generateOwnKey();
    const publicKey = await other.exportOwnPublicKey();
    expect(await codeOf(service.importOwnKey(publicKey))).toBe('pgp/not-a-secret-key');
    expect(await codeOf(service.importOwnKey('hello'))).toBe('pgp/malformed-armor');
    expect(await codeOf(service.importOwnKey('-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nxcAAAA'))).toBe(
      'pgp/truncated',
    );
    expect(
      await codeOf(
        service.importOwnKey(
          '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n@@@@\n-----END PGP PRIVATE KEY BLOCK-----',
        ),
      ),
    ).toBe('pgp/malformed-key');
    expect(await service.getOwnKey()).toBeNull();
  });

  it('revokes: a revoked public key to share, no more signing, old replies still readable', async () => {
    const records = createMemoryRecordStore();
    const service = createPgpService({ records });
    const team = await makeFixtureTeam();
    await service.importCard(team.card);
    await service.generateOwnKey();
    const before = await service.exportOwnPublicKey();
    const reply = await teamReply({
      text: 'before revocation',
      to: [before],
      signerSecret: team.key.armoredSecret,
    });

    const { revokedPublicKey, ownKey } = await service.revokeOwnKey();
    expect(ownKey.validity).toBe('revoked');
    expect(ownKey.revokedAt).not.toBeNull();
    const revoked = await readKey({ armoredKey: revokedPublicKey });
    expect(await revoked.isRevoked()).toBe(true);
    expect(await service.exportOwnPublicKey()).toBe(revokedPublicKey);

    const draft = {
      teamId: 'example-support',
      category: 'other',
      fields: { whatHappened: 'x', urgency: 'low', replyVia: 'email' },
      text: '',
      anonymous: false,
    };
    expect(await codeOf(service.composeRequest(draft, identityLabel))).toBe('pgp/key-revoked');
    expect((await service.readReply(reply)).reply.text).toBe('before revocation');

    // A new key becomes current; the revoked one still decrypts.
    const fresh = await service.generateOwnKey();
    expect(fresh.validity).toBe('valid');
    expect(await codeOf(service.composeRequest(draft, identityLabel))).toBe('no error');
    expect((await service.readReply(reply)).reply.text).toBe('before revocation');
  });
});
