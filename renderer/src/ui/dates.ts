/**
 * Every date the screens show, in the reader's language. One module so a note, a request, a
 * channel message and a checklist entry written on the same day read the same way.
 */

/** A moment: epoch milliseconds or an ISO timestamp. */
export type Moment = number | string;

function toDate(at: Moment): Date | null {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "3 Dec 2026, 14:05" — when something was written, sent or stored. A bad value is shown as given. */
export function formatDateTime(language: string, at: Moment): string {
  const date = toDate(at);
  if (!date) return String(at);
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** "3 December 2026 at 14:05" — a moment the person plans around (the dead-man wipe's date). */
export function formatLongDateTime(language: string, at: Moment): string {
  const date = toDate(at);
  if (!date) return String(at);
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

/**
 * A calendar day ("YYYY-MM-DD" in checklist content). Formatted at noon UTC, so no time zone
 * moves it to the day before or after.
 */
export function formatCalendarDay(language: string, isoDay: string): string {
  const date = toDate(`${isoDay}T12:00:00Z`);
  return date ? new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(date) : isoDay;
}

/** Today as a calendar day: the handout's date stamp (the e2e computes the same string in the page). */
export function formatToday(language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(new Date());
}
