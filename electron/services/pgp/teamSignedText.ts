import {
  createCleartextMessage,
  readCleartextMessage,
  sign,
  verify,
  type CleartextMessage,
  type PublicKey,
} from 'openpgp';
import { readArmoredSecretKey } from './keyMaterial';
import { assertKeyUsable } from './keyValidity';
import { PGP_CONFIG } from './openpgpConfig';
import { pgpError } from './pgpError';

/**
 * A team's signed document other than its card (e.g. a checklist update): cleartext-signed
 * (RFC 9580 §7) so `gpg --verify` checks it and a team can make one with `gpg --clearsign`.
 * The caller decides whose key must have signed; this file only proves it did.
 */

export async function signTextAsTeam(teamSecretKeyArmored: string, text: string, now: Date): Promise<string> {
  const secret = await readArmoredSecretKey(teamSecretKeyArmored);
  const message = await createCleartextMessage({ text });
  return sign({ message, signingKeys: secret, date: now, config: PGP_CONFIG, format: 'armored' });
}

/** Parses an armored cleartext-signed block (already through extractArmoredBlock). */
export async function readSignedText(block: string): Promise<{ text: string; message: CleartextMessage }> {
  try {
    const message = await readCleartextMessage({ cleartextMessage: block, config: PGP_CONFIG });
    return { text: message.getText(), message };
  } catch {
    throw pgpError('pgp/malformed-armor');
  }
}

/**
 * Every signature on the message must be a valid one by `key` (primary, not revoked or expired
 * at `now`): a second signature by anyone else would otherwise ride along unnoticed.
 */
export async function verifySignedTextBy(
  message: CleartextMessage,
  key: PublicKey,
  now: Date,
): Promise<void> {
  await assertKeyUsable(key, now, 'team');
  const signerIds = message.getSigningKeyIDs();
  if (signerIds.length === 0) throw pgpError('pgp/missing-signature');
  if (!signerIds.every((id) => key.getKeys(id).length > 0)) throw pgpError('pgp/bad-signature');
  try {
    const result = await verify({
      message,
      verificationKeys: key,
      expectSigned: true,
      date: now,
      config: PGP_CONFIG,
    });
    for (const signature of result.signatures) await signature.verified;
  } catch {
    throw pgpError('pgp/bad-signature');
  }
}
