import type { Message, PrivateKey } from 'openpgp';
import { isTikhoError } from '../../../shared/errors';
import {
  decryptBytes,
  dearmorMessage,
  readBinaryMessage,
  recipientKeyIds,
  WILDCARD_KEY_ID,
  type DecryptedBytes,
} from './messageCrypto';
import { pgpError } from './pgpError';
import type { RequestBookContext } from './requestBookContext';
import type { TeamKeyRef } from './teamKeys';

/** A key of the person's that may open a reply, and the request it belongs to (one-time keys). */
export interface Candidate {
  key: PrivateKey;
  requestId: string | null;
  kind: 'own-key' | 'one-time-key';
}

/**
 * Decrypts with whichever of the user's keys opens it (see decryptWithFirst), checking its
 * signatures against `teamKeys`. The armor is decoded once; each try reads its own Message from
 * the bytes, because a try that fails leaves openpgp's Message unusable (dearmorMessage).
 */
export async function openMessage(
  ctx: Pick<RequestBookContext, 'ownKeys' | 'replyKeys'>,
  armored: string,
  teamKeys: TeamKeyRef[],
  now: Date,
): Promise<{ result: DecryptedBytes; used: Candidate }> {
  const bytes = await dearmorMessage(armored);
  let unused: Message<Uint8Array> | null = await readBinaryMessage(bytes);
  const recipients = new Set(recipientKeyIds(unused));
  const candidates = await candidateKeys(ctx);
  const named = candidates.filter((candidate) =>
    candidate.key.getKeyIDs().some((keyId) => recipients.has(keyId.toHex().toUpperCase())),
  );
  // A wildcard recipient (RFC 9580 §5.1, key id 0) names no key: every key is a candidate.
  const trial = recipients.has(WILDCARD_KEY_ID)
    ? [...named, ...candidates.filter((candidate) => !named.includes(candidate))]
    : named;
  if (trial.length === 0) throw pgpError('pgp/not-for-you');
  return decryptWithFirst(trial, new Set(named), async (candidate) => {
    // The first try takes the Message read for the recipients; later ones read their own.
    const message = unused ?? (await readBinaryMessage(bytes));
    unused = null;
    return decryptBytes({
      message,
      decryptionKeys: [candidate.key],
      verificationKeys: teamKeys.map((ref) => ref.key),
      now,
    });
  });
}

/** Own long-term keys first, then the one-time keys of anonymous requests. */
async function candidateKeys(ctx: Pick<RequestBookContext, 'ownKeys' | 'replyKeys'>): Promise<Candidate[]> {
  return [
    ...(await ctx.ownKeys.allSecretKeys()).map((key) => ({ key, requestId: null, kind: 'own-key' as const })),
    ...(await ctx.replyKeys.all()).map((entry) => ({
      key: entry.key,
      requestId: entry.requestId,
      kind: 'one-time-key' as const,
    })),
  ];
}

/**
 * Tries the candidate keys one at a time, so the thread of a wildcard reply is the request
 * whose one-time key opened it. A wrong RSA key does not fail at the session key (openpgp
 * answers PKCS#1 failures with a random key, against oracle attacks) but at the integrity
 * check, so "corrupted" also means "try the next key"; it is reported only if none opens it.
 */
async function decryptWithFirst<T>(
  candidates: Candidate[],
  named: ReadonlySet<Candidate>,
  attempt: (candidate: Candidate) => Promise<T>,
): Promise<{ result: T; used: Candidate }> {
  let corrupted = false;
  for (const candidate of candidates) {
    try {
      return { result: await attempt(candidate), used: candidate };
    } catch (error) {
      const code = isTikhoError(error) ? error.code : null;
      // A key the message names that cannot unwrap its session key: the message was damaged.
      if (code === 'pgp/message-corrupted' || (code === 'pgp/not-for-you' && named.has(candidate)))
        corrupted = true;
      else if (code !== 'pgp/not-for-you') throw error;
    }
  }
  throw pgpError(corrupted ? 'pgp/message-corrupted' : 'pgp/not-for-you');
}
