import type { ImportCardResult } from '../../../shared/contact/card';
import { isTikhoError } from '../../../shared/errors';
import { extractArmoredBlock } from './armoredInput';
import { cardPrimaryKey, parseAndVerifyCard, type VerifiedCard } from './contactCard';
import { fingerprintGroups } from './fingerprint';
import { MAX_ARMORED_KEY_CHARS } from './limits';
import type { TeamRecord, TeamStoreContext } from './teamRecord';
import { teamView } from './teamRecord';
import { importRevocation } from './teamRevocationImport';

/**
 * A pasted card (or a team key's revocation). Trust on first use is NOT trust: a new team is
 * unverified. A card with another key for a known team never replaces the stored key by itself.
 */
export async function importCard(ctx: TeamStoreContext, text: unknown): Promise<ImportCardResult> {
  const now = ctx.clock();
  // The first armor line tells the kind; a card's JSON may quote key armor further down.
  if (
    typeof text === 'string' &&
    /^-----BEGIN (PGP [A-Z ]+)-----/m.exec(text)?.[1] === 'PGP PUBLIC KEY BLOCK'
  ) {
    return importRevocation(ctx.teams, extractArmoredBlock(text, ['public-key'], MAX_ARMORED_KEY_CHARS), now);
  }
  let card: VerifiedCard;
  try {
    card = await parseAndVerifyCard(text, { now });
  } catch (error) {
    // A re-issued card whose key is revoked cannot verify (the key no longer signs), but
    // its revocation is signed by that very key: apply it if the team is known.
    const revokedKey =
      isTikhoError(error) && error.code === 'pgp/key-revoked' ? await cardPrimaryKey(text) : null;
    if (revokedKey === null) throw error;
    // No key revocation on the card (say, only its encryption subkeys are revoked): the
    // card's own error stands.
    return importRevocation(ctx.teams, revokedKey, now).catch((fallback: unknown) => {
      throw isTikhoError(fallback) && fallback.code === 'pgp/card-malformed' ? error : fallback;
    });
  }
  return storeCard(ctx, card, now);
}

/** A verified card against what is stored for its team: new, key changed, newer, or unchanged. */
async function storeCard(ctx: TeamStoreContext, card: VerifiedCard, now: Date): Promise<ImportCardResult> {
  const stored = { body: card.body, signedText: card.signedText };
  const teamId = card.body.teamId;
  const existing = await ctx.teams.read(teamId);
  if (!existing) {
    const record: TeamRecord = {
      card: stored,
      verifiedAt: null,
      importedAt: now.toISOString(),
      pending: null,
    };
    await ctx.teams.write(teamId, record);
    return { kind: 'new', team: teamView(record) };
  }
  if (existing.card.body.fingerprint !== card.body.fingerprint) {
    // Loud and inert: remembered for the decision, used for nothing.
    const record: TeamRecord = { ...existing, pending: { card: stored, seenAt: now.toISOString() } };
    await ctx.teams.write(teamId, record);
    return {
      kind: 'key-changed',
      team: teamView(record),
      previousFingerprint: existing.card.body.fingerprint,
      newFingerprint: card.body.fingerprint,
      newFingerprintGroups: fingerprintGroups(card.body.fingerprint),
    };
  }
  // Same key: take the card only if it is newer, so an old card cannot roll back channels.
  if (Date.parse(card.body.issuedAt) > Date.parse(existing.card.body.issuedAt)) {
    const record: TeamRecord = { ...existing, card: stored };
    await ctx.teams.write(teamId, record);
    return { kind: 'updated', team: teamView(record) };
  }
  return { kind: 'unchanged', team: teamView(existing) };
}
