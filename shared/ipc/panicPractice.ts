import { z } from 'zod';
import { UNLOCKED_PANIC, endpoint } from './endpoint';
import { empty, passphrase } from './limits';
import { panicReportSchema } from './panic';

/**
 * Practising the real triggers on a disposable copy (electron/services/panic/practice.ts).
 * Mirrors PracticeOutcome there; shared code must not import the service.
 */
export const practiceOutcomeSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('wiped'),
      screen: z.enum(['closed', 'first-run', 'lock', 'decoy-open']),
      decoyNotes: z.number().int().nonnegative().nullable(),
      report: panicReportSchema,
    })
    .strict(),
  z.object({ kind: z.literal('opened') }).strict(),
  z.object({ kind: z.literal('wrong') }).strict(),
  z.object({ kind: z.literal('failed') }).strict(),
]);

export const panicPracticeChannels = {
  /** The button's practice: the renderer calls it after the same confirmation and countdown. */
  'panic:practiceButton': endpoint(empty(), practiceOutcomeSchema, UNLOCKED_PANIC),
  /** The practice lock screen: what was typed goes through the real guarded unlock of a copy. */
  'panic:practiceUnlock': endpoint(
    z.object({ passphrase: passphrase() }).strict(),
    practiceOutcomeSchema,
    UNLOCKED_PANIC,
  ),
  /**
   * For a minute the panic shortcut practises instead of wiping; the outcome arrives as
   * events:practised. `armed: false` is the answer for "stop waiting".
   */
  'panic:practiceShortcut': endpoint(
    z.object({ armed: z.boolean() }).strict(),
    z.object({ armedForSeconds: z.number().int().nonnegative() }).strict(),
    UNLOCKED_PANIC,
  ),
  /**
   * The browser preview has no global shortcut: the page reports the keys it saw. Main accepts
   * it only there, only while armed and only for the chosen keys (in the desktop app the OS
   * delivers the real press to main, and a press the OS refused must not pass for practice).
   */
  'panic:practiceKeysSeen': endpoint(
    z.object({ accelerator: z.string().max(64) }).strict(),
    z.object({ accepted: z.boolean() }).strict(),
    UNLOCKED_PANIC,
  ),
} as const;

export const panicPracticeEvents = {
  'events:practised': practiceOutcomeSchema,
} as const;
