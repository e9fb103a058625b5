import type { DeskCard, DeskDetails, DeskStatus } from '../../../shared/channel/deskTypes';
import { deskDetailsSchema } from '../../../shared/channel/deskTypes';
import {
  createCard,
  generateLegacyCurve25519Key,
  normalizeFingerprint,
  readArmoredSecretKey,
  signTextAsTeam,
} from '../pgp';
import {
  deskError,
  loadTeam,
  requireTeam,
  saveTeam,
  statusOf,
  type DeskContext,
  type TeamRecord,
} from './deskRecords';

/** The team's side of the desk: its key, its details and the card it publishes. */

export interface ImportedTeamKey {
  armoredSecret: string;
  passphrase?: string;
}

async function teamKeyFor(
  details: DeskDetails,
  importKey: ImportedTeamKey | undefined,
  now: Date,
): Promise<{ armoredSecret: string; fingerprint: string }> {
  if (importKey) {
    const key = await readArmoredSecretKey(importKey.armoredSecret, importKey.passphrase);
    return { armoredSecret: key.armor(), fingerprint: normalizeFingerprint(key.getFingerprint()) };
  }
  const generated = await generateLegacyCurve25519Key({ name: details.teamName, now });
  return { armoredSecret: generated.armoredSecret, fingerprint: generated.fingerprint };
}

export async function saveDetails(
  ctx: DeskContext,
  rawDetails: DeskDetails,
  importKey?: ImportedTeamKey,
): Promise<DeskStatus> {
  const details = deskDetailsSchema.parse(rawDetails);
  const existing = await loadTeam(ctx);
  if (existing) {
    // Same key, new details: the published card is out of date until it is signed again.
    const next: TeamRecord = { ...existing, details, card: null };
    await saveTeam(ctx, next);
    return statusOf(next);
  }
  const now = ctx.clock();
  const { armoredSecret, fingerprint } = await teamKeyFor(details, importKey, now);
  const team: TeamRecord = {
    version: 1,
    details,
    armoredSecret,
    fingerprint,
    createdAt: now.toISOString(),
    card: null,
  };
  await saveTeam(ctx, team);
  return statusOf(team);
}

async function signCard(ctx: DeskContext, team: TeamRecord): Promise<TeamRecord> {
  const bundle = await ctx.exportBundle();
  const now = ctx.clock();
  const text = await createCard(team.armoredSecret, { ...team.details, channel: bundle }, { now });
  const next: TeamRecord = {
    ...team,
    card: {
      text,
      issuedAt: now.toISOString(),
      bundleIssuedAt: bundle.issuedAt,
      bundleExpiresAt: bundle.expiresAt,
    },
  };
  await saveTeam(ctx, next);
  return next;
}

export async function publishCard(ctx: DeskContext): Promise<DeskCard> {
  const signed = await signCard(ctx, await requireTeam(ctx));
  const card = statusOf(signed).card;
  if (!card) throw deskError('desk/no-card');
  return card;
}

export async function refreshCard(ctx: DeskContext): Promise<{ reissued: boolean }> {
  const team = await loadTeam(ctx);
  // Nothing was published yet: there is no card to keep current.
  if (!team?.card) return { reissued: false };
  const bundle = await ctx.exportBundle();
  if (bundle.issuedAt === team.card.bundleIssuedAt) return { reissued: false };
  await signCard(ctx, team);
  return { reissued: true };
}

export async function signText(ctx: DeskContext, text: string): Promise<string> {
  const team = await requireTeam(ctx);
  return signTextAsTeam(team.armoredSecret, text, ctx.clock());
}
