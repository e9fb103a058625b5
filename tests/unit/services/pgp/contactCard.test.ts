import { describe, expect, it } from 'vitest';
import { createCleartextMessage, readKey, sign } from 'openpgp';
import { createCard, parseAndVerifyCard } from '../../../../electron/services/pgp/contactCard';
import { generateLegacyCurve25519Key } from '../../../../electron/services/pgp/keyMaterial';
import { makeFixtureTeam, SAMPLE_CARD_FIELDS } from '../../../fixtures/pgp/teamCards';
import { CARD_MAX_BYTES } from '../../../../shared/contact/card';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code ?? `untyped: ${String(error)}`;
  }
  return 'no error';
}

/** Signs an arbitrary JSON body with `signer`, as a forger or a careless desk would. */
async function signBody(
  body: unknown,
  signer: Awaited<ReturnType<typeof generateLegacyCurve25519Key>>,
): Promise<string> {
  return sign({
    message: await createCleartextMessage({ text: JSON.stringify(body, null, 2) }),
    signingKeys: signer.privateKey,
    format: 'armored',
  });
}

const bodyOf = (card: string): Record<string, unknown> => {
  const start = card.indexOf('{');
  const end = card.lastIndexOf('}');
  return JSON.parse(card.slice(start, end + 1)) as Record<string, unknown>;
};

describe('contact card', () => {
  it('round-trips a v1 card and shows the fingerprint in ten groups of four', async () => {
    const team = await makeFixtureTeam();
    const verified = await parseAndVerifyCard(team.card);
    expect(verified.view.version).toBe(1);
    expect(verified.view.teamId).toBe('example-support');
    expect(verified.view.fingerprint).toBe(team.key.fingerprint);
    expect(verified.view.fingerprintGroups).toHaveLength(10);
    expect(verified.view.fingerprintGroups.join('')).toBe(team.key.fingerprint);
    expect(verified.view.channels.signalUsername).toBe('examplehelp.01');
    expect(verified.view.channelBundle).toBeNull();
  });

  it('accepts a card pasted with chatter around it', async () => {
    const team = await makeFixtureTeam();
    const verified = await parseAndVerifyCard(`Hi! Here is our card:\n\n${team.card}\n\nStay safe.`);
    expect(verified.view.teamName).toBe('Example Support Desk');
  });

  it('makes a v2 card carrying a channel bundle', async () => {
    const now = new Date();
    const b64 = Buffer.alloc(33, 7).toString('base64');
    const team = await makeFixtureTeam({
      channel: {
        version: 1,
        registrationId: 42,
        deviceId: 1,
        address: 'example-desk',
        identityKey: b64,
        signedPreKey: { id: 1, publicKey: b64, signature: Buffer.alloc(64, 1).toString('base64') },
        kyberPreKey: {
          id: 2,
          publicKey: Buffer.alloc(1569, 3).toString('base64'),
          signature: Buffer.alloc(64, 2).toString('base64'),
        },
        issuedAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
      },
    });
    const verified = await parseAndVerifyCard(team.card);
    expect(verified.view.version).toBe(2);
    expect(verified.view.channelBundle?.address).toBe('example-desk');
  });

  it('refuses a card whose body was edited after signing', async () => {
    const team = await makeFixtureTeam();
    const forged = team.card.replace('help@example.org', 'help@evil.example');
    expect(forged).not.toBe(team.card);
    expect(await codeOf(parseAndVerifyCard(forged))).toBe('pgp/card-bad-signature');
  });

  it('refuses a card signed by a key other than the one it carries', async () => {
    const team = await makeFixtureTeam();
    const forger = await generateLegacyCurve25519Key({ now: new Date() });
    // The forger keeps the team's key and fingerprint but signs with their own key.
    expect(await codeOf(parseAndVerifyCard(await signBody(bodyOf(team.card), forger)))).toBe(
      'pgp/card-bad-signature',
    );
  });

  it('refuses a card whose declared fingerprint is not its key', async () => {
    const team = await makeFixtureTeam();
    const other = await generateLegacyCurve25519Key({ now: new Date() });
    const body = { ...bodyOf(team.card), fingerprint: other.fingerprint };
    expect(await codeOf(parseAndVerifyCard(await signBody(body, team.key)))).toBe(
      'pgp/card-fingerprint-mismatch',
    );
  });

  it('refuses a forger who swaps in their own key and declares the team fingerprint', async () => {
    const team = await makeFixtureTeam();
    const forger = await generateLegacyCurve25519Key({ now: new Date() });
    const body = { ...bodyOf(team.card), publicKeys: [forger.armoredPublic] };
    expect(await codeOf(parseAndVerifyCard(await signBody(body, forger)))).toBe(
      'pgp/card-fingerprint-mismatch',
    );
  });

  it('refuses unknown fields, bad channels and unknown categories as malformed', async () => {
    const team = await makeFixtureTeam();
    const cases: Record<string, unknown>[] = [
      { ...bodyOf(team.card), extra: 1 },
      { ...bodyOf(team.card), channels: { website: 'javascript:alert(1)' } },
      { ...bodyOf(team.card), channels: { website: 'http://example.org' } },
      { ...bodyOf(team.card), channels: { telegramBot: '@not_a_b0t_name' } },
      { ...bodyOf(team.card), categories: ['legal-aid', 'tax-advice'] },
      { ...bodyOf(team.card), categories: [] },
      { ...bodyOf(team.card), teamId: '../etc' },
    ];
    for (const body of cases) {
      expect(await codeOf(parseAndVerifyCard(await signBody(body, team.key)))).toBe('pgp/card-malformed');
    }
  });

  it('refuses a future version and a foreign format', async () => {
    const team = await makeFixtureTeam();
    expect(
      await codeOf(parseAndVerifyCard(await signBody({ ...bodyOf(team.card), version: 3 }, team.key))),
    ).toBe('pgp/card-unsupported-version');
    expect(
      await codeOf(parseAndVerifyCard(await signBody({ ...bodyOf(team.card), format: 'x' }, team.key))),
    ).toBe('pgp/card-malformed');
  });

  it('refuses garbage, a truncated card, a key block and an oversized paste with specific codes', async () => {
    const team = await makeFixtureTeam();
    expect(await codeOf(parseAndVerifyCard('just some words'))).toBe('pgp/card-malformed');
    expect(await codeOf(parseAndVerifyCard(Buffer.from([0, 1, 2, 255, 254]).toString('latin1')))).toBe(
      'pgp/card-malformed',
    );
    expect(await codeOf(parseAndVerifyCard(team.card.slice(0, team.card.length / 2)))).toBe(
      'pgp/card-malformed',
    );
    expect(await codeOf(parseAndVerifyCard(team.key.armoredPublic))).toBe('pgp/card-malformed');
    expect(await codeOf(parseAndVerifyCard('A'.repeat(CARD_MAX_BYTES + 1)))).toBe('pgp/input-too-large');
    expect(await codeOf(parseAndVerifyCard(42))).toBe('pgp/not-text');
  });

  it('refuses a card whose key is revoked', async () => {
    const key = await generateLegacyCurve25519Key({ now: new Date() });
    const card = await createCard(key.armoredSecret, SAMPLE_CARD_FIELDS);
    const body = bodyOf(card);
    const { revokeKey } = await import('openpgp');
    const revoked = await revokeKey({
      key: await readKey({ armoredKey: key.armoredPublic }),
      revocationCertificate: key.revocationCertificate,
      format: 'armored',
    });
    const revokedBody = { ...body, publicKeys: [revoked.publicKey] };
    expect(await codeOf(parseAndVerifyCard(await signBody(revokedBody, key)))).toBe('pgp/key-revoked');
  });

  it('refuses a card whose key has expired', async () => {
    const past = new Date(Date.now() - 10 * 86_400_000);
    const { generateKey } = await import('openpgp');
    const expiring = await generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name: 'x' }],
      keyExpirationTime: 86_400,
      date: past,
      format: 'armored',
    });
    const card = await createCard(expiring.privateKey, SAMPLE_CARD_FIELDS, { now: past });
    expect(await codeOf(parseAndVerifyCard(card, { now: past }))).toBe('no error');
    expect(await codeOf(parseAndVerifyCard(card))).toBe('pgp/key-expired');
  });
});
