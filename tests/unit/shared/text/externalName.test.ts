import { describe, expect, it } from 'vitest';
import { HIDDEN_MARK, isolatedName, mixesScripts, revealName } from '../../../../shared/text/externalName';
import { confusableWith, lookalikeOfNewTeam } from '../../../../electron/services/contact/nameSkeleton';

/** Issue 18 §5: names from outside cannot hide characters, reorder text or pass for a known team. */
describe('revealName', () => {
  it('marks every bidi control and zero-width character the red team used', () => {
    const revealed = revealName('Help\u202Eksed\u200B\u2066 Team');
    expect(revealed.text).toBe(`Help${HIDDEN_MARK}ksed${HIDDEN_MARK}${HIDDEN_MARK} Team`);
    expect(revealed.hidden).toBe(3);
  });
  it.each([
    ['\u200E', 'LRM'],
    ['\u200F', 'RLM'],
    ['\u061C', 'ALM'],
    ['\u202A', 'LRE'],
    ['\u202B', 'RLE'],
    ['\u202C', 'PDF'],
    ['\u202D', 'LRO'],
    ['\u2067', 'RLI'],
    ['\u2068', 'FSI'],
    ['\u2069', 'PDI'],
    ['\u200C', 'ZWNJ'],
    ['\u200D', 'ZWJ'],
    ['\u2060', 'word joiner'],
    ['\uFEFF', 'BOM'],
    ['\u00AD', 'soft hyphen'],
    ['\u3164', 'Hangul filler'],
    ['\u{E0041}', 'tag A'],
    ['\u0000', 'NUL'],
    ['\u2028', 'line separator'],
  ])('marks %s (%s)', (ch) => {
    expect(revealName(`Team${ch}Name`)).toMatchObject({ text: `Team${HIDDEN_MARK}Name`, hidden: 1 });
  });
  it('leaves ordinary names in any script untouched', () => {
    for (const name of ['Мемориал', 'Правозахисна група «Світло»', 'Café Zoë', 'צוות עזרה', 'فريق']) {
      expect(revealName(name)).toEqual({ text: name, hidden: 0, mixedScripts: false });
    }
  });
});

describe('mixesScripts', () => {
  it('flags a word with Latin and Cyrillic letters that look alike', () => {
    expect(mixesScripts('Неlp Desk')).toBe(true); // Cyrillic Н, е + Latin l, p
    expect(mixesScripts('Pаypal')).toBe(true);
  });
  it('does not flag words in different scripts side by side', () => {
    expect(mixesScripts('Команда Help')).toBe(false);
    expect(mixesScripts('Help Desk')).toBe(false);
  });
});

describe('isolatedName', () => {
  it('wraps a right-to-left name in isolates so it cannot move the sentence around it', () => {
    expect(isolatedName('צוות 12')).toBe('\u2068צוות 12\u2069');
  });
  it('gives a left-to-right name back as it is, its controls marked', () => {
    expect(isolatedName('Help Desk')).toBe('Help Desk');
    expect(isolatedName('Help\u202EDesk')).toBe(`Help${HIDDEN_MARK}Desk`);
  });
});

describe('confusableWith (UTS #39 skeleton)', () => {
  const known = ['Help Desk', 'Мемориал'];
  it.each([
    ['Неlp Desk', 'Help Desk'], // Cyrillic Н and е
    ['Help\u200B Desk', 'Help Desk'], // a zero-width space
    ['HELP DESK', 'Help Desk'],
    ['Help  Desk', 'Help Desk'],
    ['Meмориал', 'Мемориал'], // Latin M and e
    ['Ηelp Desk', 'Help Desk'], // Greek Eta
  ])('%s looks like %s', (name, other) => {
    expect(confusableWith(name, known)).toBe(other);
  });
  it('does not confuse different names', () => {
    expect(confusableWith('Help Center', known)).toBeNull();
    expect(confusableWith('Мемориал-2', known)).toBeNull();
  });
  it('only warns for a new team, and never against the team itself', async () => {
    const teams = () =>
      Promise.resolve([
        { teamId: 'help-desk', teamName: 'Help Desk' },
        { teamId: 'fake', teamName: 'Неlp Desk' },
      ]);
    const fake = { teamId: 'fake', teamName: 'Неlp Desk' };
    expect(await lookalikeOfNewTeam({ kind: 'new', team: fake }, teams)).toBe('Help Desk');
    expect(await lookalikeOfNewTeam({ kind: 'updated', team: fake }, teams)).toBeNull();
    const alone = () => Promise.resolve([{ teamId: 'fake', teamName: 'Неlp Desk' }]);
    expect(await lookalikeOfNewTeam({ kind: 'new', team: fake }, alone)).toBeNull();
  });
});
