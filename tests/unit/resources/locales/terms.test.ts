import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The ru/uk key terms of resources/locales/README.md (issue 16 §10), over every UI string and
 * every Russian and Ukrainian checklist text, so a new string cannot bring an old error back.
 */
const RESOURCES = path.resolve(import.meta.dirname, '../../../../resources');
type Lang = 'ru' | 'uk';

function jsonFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? jsonFiles(full) : entry.name.endsWith('.json') ? [full] : [];
  });
}

function strings(value: unknown, where: string, out: [string, string][], only?: Lang): void {
  if (typeof value === 'string') out.push([where, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${where}[${i}]`, out, only));
  else if (value && typeof value === 'object')
    for (const [key, child] of Object.entries(value)) {
      // Checklist content holds { en, ru, uk } objects; keep only the language asked for.
      if (only && typeof child === 'string' && ['en', 'ru', 'uk'].includes(key) && key !== only) continue;
      strings(child, `${where}.${key}`, out, only);
    }
}

function texts(lang: Lang): [string, string][] {
  const out: [string, string][] = [];
  for (const file of jsonFiles(path.join(RESOURCES, 'locales', lang)))
    strings(JSON.parse(fs.readFileSync(file, 'utf8')), path.relative(RESOURCES, file), out);
  const content: [string, string][] = [];
  for (const file of jsonFiles(path.join(RESOURCES, 'checklists')))
    strings(JSON.parse(fs.readFileSync(file, 'utf8')), path.relative(RESOURCES, file), content, lang);
  // In checklist files only the strings under a `ru`/`uk` key are that language's.
  return [...out, ...content.filter(([where]) => where.endsWith(`.${lang}`))];
}

const offenders = (lang: Lang, bad: RegExp, unless?: RegExp): string[] =>
  texts(lang)
    .filter(([, text]) => bad.test(text) && !(unless?.test(text) ?? false))
    .map(([where, text]) => `${where}: ${text.slice(0, 90)}`);

describe('ru/uk key terms (resources/locales/README.md)', () => {
  it('finds the texts it checks', () => {
    expect(texts('ru').length).toBeGreaterThan(1000);
    expect(texts('uk').length).toBeGreaterThan(1000);
  });

  it('duress is «тревожная парольная фраза» / «тривожна парольна фраза», never «под принуждением» / «під примусом»', () => {
    expect(offenders('ru', /принужд/i)).toEqual([]);
    expect(offenders('uk', /під примусом|примусом/i)).toEqual([]);
    // Not shortened to «тревожная фраза» on a button either.
    expect(offenders('ru', /тревожн\p{L}* фраз/iu)).toEqual([]);
    expect(offenders('uk', /тривожн\p{L}* фраз/iu)).toEqual([]);
  });

  it('a key has a «контрольный код», not an «отпечаток»; a finger print is said with the finger or face beside it', () => {
    const biometric = /лиц|облич|пальц|палец|фейс|Face ID|Touch ID/i;
    expect(offenders('ru', /отпечат/i, biometric)).toEqual([]);
    expect(offenders('uk', /відбит/i, biometric)).toEqual([]);
  });

  it('a passphrase — a PGP key’s too — is «парольная фраза» / «парольна фраза» on every screen, never «пароль»', () => {
    // UI strings only: checklist advice speaks of the passwords of other services.
    const password = /(?<!\p{L})парол(?:ь|я|ю|ем|і|ів|ям|ями|ях)(?!\p{L})/iu;
    const explains = /^Парольн\p{L}* фраза — это пароль|^Парольна фраза — це пароль/u;
    for (const lang of ['ru', 'uk'] as const)
      expect(offenders(lang, password, explains).filter((line) => line.startsWith('locales/'))).toEqual([]);
  });

  it('a keyboard shortcut is «сочетание клавиш» / «сполучення клавіш»', () => {
    expect(offenders('ru', /комбинаци\p{L}* клавиш/iu)).toEqual([]);
    expect(offenders('uk', /комбінаці\p{L}*( клавіш)?/iu)).toEqual([]);
  });

  it('the wipe drill is «Учебное удаление» / «Навчальне видалення», not a kind of alarm', () => {
    expect(offenders('ru', /учебн\p{L}* тревог/iu)).toEqual([]);
    expect(offenders('uk', /навчальн\p{L}* тривог/iu)).toEqual([]);
  });

  it('the decoy is «подставной блокнот» / «підставний нотатник», the notebook named as in the menu', () => {
    expect(offenders('ru', /приманк/iu)).toEqual([]);
    expect(offenders('uk', /приманк|підставн\p{L}* блокнот/iu)).toEqual([]);
  });

  it('Ukrainian uses ’ as its apostrophe, never the ASCII one', () => {
    expect(offenders('uk', /\p{Script=Cyrillic}'\p{Script=Cyrillic}/u)).toEqual([]);
  });

  it('the app’s name is a name: never a bare «Тихо» inside a sentence', () => {
    const bare = /(?<![«„\p{L}])Тихо(?![»“\p{L}])/u;
    const all = [...texts('ru'), ...texts('uk')].filter(([, text]) => text !== 'Тихо' && bare.test(text));
    expect(all.map(([where]) => where)).toEqual([]);
  });

  it('no English accelerator names or "Notification" left in ru/uk', () => {
    for (const lang of ['ru', 'uk'] as const)
      expect(offenders(lang, /CommandOrControl|\bNotifications?\b|\bbytes?\b/)).toEqual([]);
  });
});
