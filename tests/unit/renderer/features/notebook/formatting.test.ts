import { describe, expect, it } from 'vitest';
import { formatSize } from '../../../../../renderer/src/features/notebook/formatting';

/** Issue 16 §10/§11: sizes in the person's units, bytes with their plural, no English in ru/uk. */
describe('formatSize', () => {
  it.each([
    ['en', 389, '389 bytes'],
    ['ru', 389, '389 байт'],
    ['ru', 2, '2 байта'],
    ['uk', 389, '389 байтів'],
    ['uk', 1, '1 байт'],
  ])('%s %d → %s', (language, bytes, expected) => {
    expect(formatSize(bytes, language)).toBe(expected);
  });
  it('keeps larger sizes short and in local digits', () => {
    expect(formatSize(2.5 * 1024, 'ru')).toBe('2,5 кБ');
  });
});
