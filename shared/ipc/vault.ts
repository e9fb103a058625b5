import { z } from 'zod';
import { channel } from './channelSpec';
import { empty, passphrase } from './limits';

const strength = z
  .object({
    score: z.number().int().min(0).max(4),
    verdict: z.enum(['refused', 'weak', 'good', 'strong']),
    guessesLog10: z.number(),
  })
  .strict();

const recoveryWords = z.array(z.string().min(1).max(16)).length(12);

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

export const vaultChannels = {
  'vault:status': channel(empty(), z.object({ state: z.enum(['none', 'locked', 'unlocked']) }).strict()),
  'vault:checkPassphrase': channel(z.object({ passphrase: z.string().max(1024) }).strict(), strength),
  'vault:suggestPassphrase': channel(
    empty(),
    z.object({ words: z.array(z.string()).min(4).max(10) }).strict(),
  ),
  'vault:create': channel(
    z.object({ passphrase: passphrase(), withRecoveryCode: z.boolean() }).strict(),
    z.object({ recoveryWords: recoveryWords.nullable() }).strict(),
  ),
  'vault:unlock': channel(z.object({ passphrase: passphrase() }).strict(), empty()),
  'vault:unlockWithRecovery': channel(z.object({ words: recoveryWords }).strict(), empty()),
  'vault:lock': channel(empty(), empty()),
  'vault:changePassphrase': channel(
    z.object({ current: passphrase(), next: passphrase() }).strict(),
    empty(),
  ),
  'vault:info': channel(empty(), z.object({ recoveryCodeCreated: z.boolean() }).strict()),
  'vault:indexNotice': channel(empty(), z.object({ notice: indexNotice.nullable() }).strict()),
  'vault:acknowledgeIndexNotice': channel(empty(), empty()),
} as const;
