import { z } from 'zod';
import { UNLOCKED_PANIC, endpoint } from './endpoint';
import { empty, MAX_NOTE_BODY, passphrase, shortText } from './limits';

/**
 * The panic domain (docs/panic.md). The wipe itself runs in main; the renderer only asks for
 * it (after its own 5-second countdown), configures it and runs drills. Mirrors
 * electron/services/panic/panicTypes.ts, which shared code must not import.
 */
export const PANIC_END_STATES = ['quit', 'fresh', 'decoy'] as const;
export const PANIC_FAILED_UNLOCK_LIMITS = [3, 5, 10] as const;
/** Days without an unlock after which the next start wipes (the dead-man wipe); off by default. */
export const PANIC_DEAD_MAN_DAYS = [7, 14, 30] as const;
/** Seconds the in-app button counts down before it wipes; any key or click cancels (Ripple). */
export const PANIC_COUNTDOWN_SECONDS = 5;
/** Accelerators offered for the global shortcut: three keys, unlikely to be pressed by accident. */
export const PANIC_SHORTCUT_CHOICES = [
  'CommandOrControl+Alt+Shift+P',
  'CommandOrControl+Alt+Shift+X',
  'CommandOrControl+Alt+Shift+Delete',
  'CommandOrControl+Alt+Shift+F12',
] as const;
export const MAX_DECOY_NOTES = 20;
/**
 * The notes a decoy is offered with (their texts are in the panic locale). The filler that
 * stands in spare/ when there is no decoy has as many, so the two have the same shape on disk.
 */
export const DECOY_NOTE_KEYS = ['shopping', 'recipe', 'books', 'todo'] as const;

const endState = z.enum(PANIC_END_STATES);
const failedUnlockLimit = z.union([z.literal(3), z.literal(5), z.literal(10)]);
const deadManDays = z.union([z.literal(7), z.literal(14), z.literal(30)]);

/**
 * The wipe's step names, the one list of them: the panic service takes its PanicStepName from
 * here (electron/services/panic/panicTypes.ts); the order the plan runs them in is panicPlan.ts's.
 */
export const panicStepName = z.enum([
  'mark-pending',
  'destroy-keys',
  'clear-session',
  'clear-recent',
  'reset-app-state',
  'detach-data',
  'delete-temp',
  'clear-clipboard',
  'end-state',
  'purge',
  'clear-pending',
]);
export type PanicStepName = z.infer<typeof panicStepName>;

const failure = z.object({ target: z.string().max(512), code: z.string().max(64) }).strict();

export const panicReportSchema = z
  .object({
    trigger: z.enum(['shortcut', 'button', 'duress', 'failed-unlock', 'dead-man', 'recovery', 'drill']),
    drill: z.boolean(),
    endState,
    keysDestroyed: z.boolean(),
    complete: z.boolean(),
    steps: z
      .array(
        z
          .object({
            step: panicStepName,
            phase: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
            ok: z.boolean(),
            ms: z.number().nonnegative(),
            simulated: z.boolean(),
            failures: z.array(failure).max(1000),
          })
          .strict(),
      )
      .max(32),
    destroyed: z
      .object({
        notes: z.number().int().nonnegative().nullable(),
        attachments: z.number().int().nonnegative(),
        records: z.number().int().nonnegative(),
        headers: z.number().int().nonnegative(),
        files: z.number().int().nonnegative(),
        bytes: z.number().nonnegative().nullable(),
        tempFiles: z.number().int().nonnegative(),
      })
      .strict(),
    failures: z.array(failure).max(1000),
    keysDestroyedMs: z.number().nonnegative(),
    totalMs: z.number().nonnegative(),
  })
  .strict();

export const panicChannels = {
  'panic:config': endpoint(
    empty(),
    z
      .object({
        endState,
        failedUnlockLimit: failedUnlockLimit.nullable(),
        duressSet: z.boolean(),
        decoyReady: z.boolean(),
        deadManDays: deadManDays.nullable(),
        deadManDueAt: z.iso.datetime().nullable(),
        lockScreenProtection: z.enum(['os-keystore', 'none']),
      })
      .strict(),
    UNLOCKED_PANIC,
  ),
  'panic:setEndState': endpoint(z.object({ endState }).strict(), empty(), UNLOCKED_PANIC),
  'panic:setFailedUnlockLimit': endpoint(
    z.object({ limit: failedUnlockLimit.nullable() }).strict(),
    empty(),
    UNLOCKED_PANIC,
  ),
  'panic:setDeadMan': endpoint(z.object({ days: deadManDays.nullable() }).strict(), empty(), UNLOCKED_PANIC),
  'panic:setUpDuress': endpoint(
    z
      .object({
        currentPassphrase: passphrase(),
        duressPassphrase: passphrase(),
        decoyNotes: z
          .array(z.object({ title: shortText(), body: z.string().max(MAX_NOTE_BODY) }).strict())
          .max(MAX_DECOY_NOTES)
          .optional(),
      })
      .strict(),
    empty(),
    UNLOCKED_PANIC,
  ),
  'panic:removeDuress': endpoint(empty(), empty(), UNLOCKED_PANIC),
  /** Only on the user's request: the count itself says a limit is set (ux: "shown only if asked"). */
  'panic:remainingAttempts': endpoint(
    empty(),
    z.object({ remaining: z.number().int().nullable() }).strict(),
    UNLOCKED_PANIC,
  ),
  /** The in-app button, called after the renderer's countdown ran out. */
  'panic:trigger': endpoint(empty(), empty(), UNLOCKED_PANIC),
  'panic:drill': endpoint(empty(), panicReportSchema, UNLOCKED_PANIC),
  /**
   * What the operating system answered when the panic shortcut was registered: a shortcut the
   * screen shows as set but the OS refused (taken by another program, a Wayland desktop without
   * the shortcuts portal) would fail the person exactly when it matters.
   */
  'panic:shortcutStatus': endpoint(
    empty(),
    z.object({ status: z.enum(['off', 'registered', 'refused', 'unknown']) }).strict(),
    UNLOCKED_PANIC,
  ),
} as const;

export const panicEvents = {
  /**
   * A wipe finished: what the window shows now. `first-run` (fresh), `lock` (decoy, locked), or
   * `closed` when the app is quitting (the harness cannot quit a browser tab).
   */
  'events:wiped': z.object({ screen: z.enum(['first-run', 'lock', 'closed']) }).strict(),
} as const;
