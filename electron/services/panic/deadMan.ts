/**
 * The dead-man wipe (off by default): when Tikho has not been unlocked for the chosen number of
 * days, the next start runs the panic plan before any window shows — for a laptop held by others
 * for weeks (confiscated, left behind after an arrest). Only a successful real unlock resets the
 * count; failed attempts and starts do not.
 *
 * The clock is the computer's wall clock, which its holder can set back: the switch helps
 * against a device that is simply kept and started later, not against an examiner who knows it
 * is there and starts the laptop with a clock in the past (docs/panic.md says so).
 */
export const DEAD_MAN_DAYS = [7, 14, 30] as const;
export type DeadManDays = (typeof DEAD_MAN_DAYS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

export function isDeadManDays(value: unknown): value is DeadManDays {
  return typeof value === 'number' && (DEAD_MAN_DAYS as readonly number[]).includes(value);
}

export interface DeadManState {
  deadManDays: DeadManDays | null;
  /** Wall-clock seconds of the last successful unlock; 0 = never recorded (no wipe). */
  lastUnlockAt: number;
}

/** The moment from which a start wipes, or null when the switch is off or nothing was recorded. */
export function deadManDueAt(state: DeadManState): number | null {
  if (state.deadManDays === null || state.lastUnlockAt <= 0) return null;
  return state.lastUnlockAt * 1000 + state.deadManDays * DAY_MS;
}

export function deadManDue(state: DeadManState, nowMs: number): boolean {
  const due = deadManDueAt(state);
  return due !== null && nowMs >= due;
}

export const toUnlockSeconds = (nowMs: number): number => Math.floor(nowMs / 1000);
