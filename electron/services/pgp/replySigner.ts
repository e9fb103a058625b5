import type { SignerView } from '../../../shared/contact/request';
import { fingerprintGroups, normalizeFingerprint } from './fingerprint';
import type { SignatureCheck } from './messageCrypto';
import { pgpError } from './pgpError';
import type { TeamKeyRef } from './teamKeys';

const UNSIGNED: SignerView = {
  status: 'unsigned',
  fingerprint: null,
  fingerprintGroups: null,
  keyId: null,
  teamId: null,
  teamName: null,
};
const RANK = { verified: 3, 'known-unverified': 2, unknown: 1, unsigned: 0 } as const;

/**
 * Turns signature checks into what the user is told. Any signature that fails is fatal
 * (`pgp/bad-signature`): a forged "from your team" must never be shown as a message at all.
 * Of several intact signatures, the one from the best-trusted key names the signer.
 */
export function judgeSigner(checks: SignatureCheck[], teamKeys: TeamKeyRef[]): SignerView {
  let best: SignerView | null = null;
  for (const check of checks) {
    const view = signerOf(check, teamKeys);
    if (!best || RANK[view.status] > RANK[best.status]) best = view;
  }
  return best ?? { ...UNSIGNED };
}

function signerOf(check: SignatureCheck, teamKeys: TeamKeyRef[]): SignerView {
  if (check.outcome === 'invalid') throw pgpError('pgp/bad-signature');
  if (check.outcome === 'key-revoked') throw pgpError('pgp/key-revoked', { whose: 'team' });
  if (check.outcome === 'key-expired') throw pgpError('pgp/key-expired', { whose: 'team' });
  // Intact but dated beyond the skew bound: the signer's clock is wrong, nobody forged it.
  if (check.outcome === 'future') throw pgpError('pgp/signed-in-future');
  const ref =
    check.outcome === 'valid'
      ? teamKeys.find((candidate) =>
          candidate.key.getKeyIDs().some((id) => id.toHex().toUpperCase() === check.keyId),
        )
      : undefined;
  if (ref?.revokedAt && (check.createdAt === null || check.createdAt > ref.revokedAt)) {
    // Signed after the team revoked the key: whoever holds it now is not the team's word.
    throw pgpError('pgp/team-revoked', { revokedAt: ref.revokedAt.toISOString() });
  }
  if (!ref) return { ...UNSIGNED, status: 'unknown', keyId: check.keyId };
  const fingerprint = normalizeFingerprint(ref.fingerprint);
  return {
    status: ref.verified ? 'verified' : 'known-unverified',
    fingerprint,
    fingerprintGroups: fingerprintGroups(fingerprint),
    keyId: check.keyId,
    teamId: ref.teamId,
    teamName: ref.teamName,
    signedAt: check.createdAt?.toISOString() ?? null,
  };
}
