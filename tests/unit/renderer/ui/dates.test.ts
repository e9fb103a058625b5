import { describe, expect, it } from 'vitest';
import { formatCalendarDay, formatDateTime, formatLongDateTime } from '../../../../renderer/src/ui/dates';

/** The one date formatter every screen uses (issue 15 §5). */
describe('dates on screen', () => {
  it('a moment reads the same from epoch milliseconds and from its ISO form', () => {
    const at = Date.UTC(2026, 11, 3, 14, 5);
    for (const lang of ['en', 'ru', 'uk'])
      expect(formatDateTime(lang, at)).toBe(formatDateTime(lang, new Date(at).toISOString()));
    expect(formatDateTime('ru', at)).toMatch(/2026/u);
  });

  it('a calendar day from checklist content stays that day in every time zone', () => {
    // Vitest runs with the machine's zone; noon UTC keeps the day from UTC−11 to UTC+11.
    expect(formatCalendarDay('en', '2026-03-01')).toBe('March 1, 2026');
    expect(formatCalendarDay('ru', '2026-03-01')).toBe('1 марта 2026 г.');
    expect(formatCalendarDay('uk', '2026-03-01')).toBe('1 березня 2026 р.');
  });

  it('shows a value it cannot read as given, never "Invalid Date"', () => {
    expect(formatDateTime('en', 'not a date')).toBe('not a date');
    expect(formatLongDateTime('uk', 'soon')).toBe('soon');
    expect(formatCalendarDay('ru', '2026-13-40')).toBe('2026-13-40');
  });
});
