import { describe, expect, it } from 'vitest';
import { createPassphraseChecker } from '../../../../electron/services/passphrase/passphraseStrength';
import { redact } from '../../../../electron/services/log/logger';

const checker = createPassphraseChecker();

describe('passphrase strength (zxcvbn-ts in main)', () => {
  it.each(['1234', 'password1', 'qwerty123', 'пароль123', 'йцукен12', 'Tikho', 'aaaaaaaaaaaa'])(
    'refuses %s',
    (p) => {
      expect(checker.check(p).verdict).toBe('refused');
    },
  );
  // Issue 16 §8: each of these rated Strong or was accepted before the Russian/Ukrainian lists.
  it.each([
    'Summer2024!',
    'Слава Україні',
    'Слава Украине!',
    'ЯлюблюМоскву',
    'Я люблю тебя',
    'slava ukraini',
    'Yalyublyumoskvu',
    'ghbdtn vjcrdf',
    'Ще не вмерла України',
    'Героям слава!',
    'Пароль2024!',
  ])('refuses %s, a phrase or pattern guessers try first', (p) => {
    expect(checker.check(p).verdict).toBe('refused');
  });
  it('does not call a famous slogan with words added strong', () => {
    expect(checker.check('Слава Україні героям слава 1991').verdict).not.toBe('strong');
  });
  it('still rates random Cyrillic words strong', () => {
    expect(checker.check('ведро клюква шарманка полночь').verdict).toBe('strong');
  });
  it('accepts several random words as strong', () => {
    expect(checker.check('velvet orbit lantern quietly harvest marble').verdict).toBe('strong');
  });
  it('suggests six words from the BIP39 list, different each time', () => {
    const a = checker.suggest();
    const b = checker.suggest();
    expect(a).toHaveLength(6);
    expect(a.join(' ')).not.toBe(b.join(' '));
    expect(checker.check(a.join(' ')).verdict).toBe('strong');
  });
});

describe('logger redaction', () => {
  it('drops fields whose names suggest secrets and truncates long strings', () => {
    const out = redact({
      passphrase: 'x',
      noteBody: 'y',
      masterKey: 'z',
      channel: 'vault:unlock',
      long: 'a'.repeat(500),
    });
    expect(out).toMatchObject({
      passphrase: '[redacted]',
      noteBody: '[redacted]',
      masterKey: '[redacted]',
      channel: 'vault:unlock',
    });
    expect(String(out.long).length).toBeLessThan(210);
  });
});
