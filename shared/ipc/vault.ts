import { z } from 'zod';
import { ANY_STATE, UNLOCKED, endpoint } from './endpoint';
import { empty, passphrase } from './limits';
import { LANGUAGES } from '../settings';

const strength = z
  .object({
    score: z.number().int().min(0).max(4),
    verdict: z.enum(['refused', 'weak', 'good', 'strong']),
    guessesLog10: z.number(),
  })
  .strict();

/** Ten groups of five ASCII digits, as main made them (shared/recoveryCode.ts). */
const recoveryCode = z.array(z.string().regex(/^\d{5}$/u)).length(10);

const count = z.number().int().nonnegative();
/** What unlock found wrong with the notebook's index (electron/services/vault/manifestLoad.ts). */
const indexNotice = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('rolled-back'), recovered: count, unknown: count, anchorMissing: z.boolean() })
    .strict(),
  z
    .object({
      kind: z.literal('rebuilt'),
      recovered: count,
      unknown: count,
      reason: z.enum(['missing', 'damaged']),
    })
    .strict(),
]);
export type IndexNoticeDto = z.infer<typeof indexNotice>;

/** Progress of a key rotation (counts of records and attachments re-encrypted; nothing else). */
export const vaultEvents = {
  'events:rotationProgress': z.object({ done: count, total: count }).strict(),
} as const;

export const vaultChannels = {
  /** `recovered`: opened with the recovery code; nothing else works until a new passphrase is set. */
  'vault:status': endpoint(
    empty(),
    z.object({ state: z.enum(['none', 'locked', 'unlocked', 'recovered']) }).strict(),
    ANY_STATE,
  ),
  'vault:checkPassphrase': endpoint(
    z.object({ passphrase: z.string().max(1024) }).strict(),
    strength,
    ANY_STATE,
  ),
  /** In the UI's language (en when absent), so the words are typed on the person's own layout. */
  'vault:suggestPassphrase': endpoint(
    z.object({ language: z.enum(LANGUAGES).optional() }).strict(),
    z.object({ words: z.array(z.string()).min(4).max(10) }).strict(),
    ANY_STATE,
  ),
  'vault:create': endpoint(
    z.object({ passphrase: passphrase(), withRecoveryCode: z.boolean() }).strict(),
    z.object({ recoveryCode: recoveryCode.nullable() }).strict(),
    ANY_STATE,
  ),
  'vault:unlock': endpoint(z.object({ passphrase: passphrase() }).strict(), empty(), ANY_STATE),
  /** As typed (digit groups, or an old notebook's 12 words): main parses it, not the renderer. */
  'vault:unlockWithRecovery': endpoint(
    z.object({ code: z.string().min(1).max(400) }).strict(),
    empty(),
    ANY_STATE,
  ),
  /** A key rotation like a change; the used code is replaced, the new one returned once. */
  'vault:setPassphraseAfterRecovery': endpoint(
    z.object({ next: passphrase() }).strict(),
    z.object({ recoveryCode: recoveryCode.nullable() }).strict(),
    UNLOCKED,
  ),
  'vault:createRecoveryCode': endpoint(
    z.object({ current: passphrase() }).strict(),
    z.object({ recoveryCode }).strict(),
    UNLOCKED,
  ),
  'vault:lock': endpoint(empty(), empty(), ANY_STATE),
  /**
   * New passphrase and new master key (every file re-encrypted, progress in
   * events:rotationProgress); also "I think my passphrase was seen". A recovery code is replaced.
   */
  'vault:changePassphrase': endpoint(
    z.object({ current: passphrase(), next: passphrase() }).strict(),
    z.object({ recoveryCode: recoveryCode.nullable() }).strict(),
    UNLOCKED,
  ),
  'vault:info': endpoint(empty(), z.object({ recoveryCodeCreated: z.boolean() }).strict(), UNLOCKED),
  'vault:indexNotice': endpoint(empty(), z.object({ notice: indexNotice.nullable() }).strict(), ANY_STATE),
  'vault:acknowledgeIndexNotice': endpoint(empty(), empty(), UNLOCKED),
} as const;
