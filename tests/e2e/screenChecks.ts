import type { Page } from '@playwright/test';
import type { Lang } from './tr';

/**
 * What a person notices on a screen without any tool: a catalog key shown instead of its text
 * (`panic:duress.title`), a placeholder left unfilled (`{{count}}`), a key combination in
 * Electron's own spelling (`CommandOrControl+Alt+L`) instead of the OS's words, English left in
 * a Russian or Ukrainian screen, and a page wider than the window (a sideways scrollbar at
 * 1024×700). Tooltips, accessible names and placeholders count: a screen reader reads them.
 */

/**
 * Latin words a Russian or Ukrainian screen may show: names of products and standards the person
 * will meet under these names elsewhere (see resources/locales/README.md), and key names as the
 * OS prints them on the keys. Anything else in Latin letters is English left over.
 */
export const LATIN_NAMES: readonly string[] = [
  'BitLocker',
  'FileVault',
  'LUKS',
  'Time',
  'Machine',
  'SSD',
  'Signal',
  'Tor',
  'VPN',
  'PGP',
  'OpenPGP',
  'GnuPG',
  'Thunderbird',
  // Key names as formatAccelerator (shared/panicShortcut.ts) and the keyboard itself spell them.
  'Ctrl',
  'Alt',
  'Shift',
  'Win',
  'Super',
  'Esc',
  // Systems, services and keys the person will find under these names.
  'Windows',
  'macOS',
  'Linux',
  'Telegram',
  'Facebook',
  'Meetup',
  'Caps',
  'Lock',
  // The licence's legal name, which is not translated.
  'GNU',
  'Affero',
  'General',
  'Public',
  'License',
  // The workshop method trainers look up under its English name; its stages are glossed in it.
  'ADIDS',
  'Activity',
  'Discussion',
  'Input',
  'Deepening',
  'Synthesis',
  // Literal text the person types or looks for: the armor's END line, Telegram's "bot" suffix.
  'END',
  'bot',
  'https',
  'PDF',
];

/** Text and the attributes a person or a screen reader meets, from visible elements only. */
async function readable(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const visible = (el: Element): boolean => {
      if (el.closest('[hidden], script, style, template, noscript')) return false;
      if (!(el instanceof HTMLElement) && !(el instanceof SVGElement)) return false;
      const style = getComputedStyle(el);
      return style.visibility !== 'hidden' && style.display !== 'none' && el.getClientRects().length > 0;
    };
    // A part marked as another language on purpose (a language's own name, slides in the
    // language chosen for them) is that language's text, not English left over.
    const pageLang = document.documentElement.lang;
    const inPageLang = (el: Element): boolean =>
      (el.closest('[lang]')?.getAttribute('lang') ?? pageLang) === pageLang;
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = (node.textContent ?? '').trim();
      // What the person typed or pasted into a field is theirs, not the app's words.
      if (!text || !parent || parent.closest('textarea, input, [contenteditable="true"]')) continue;
      if (visible(parent) && inPageLang(parent)) texts.push(text);
    }
    for (const el of Array.from(document.querySelectorAll('[title], [aria-label], [placeholder], [alt]'))) {
      if (!visible(el) || !inPageLang(el)) continue;
      for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
        const value = el.getAttribute(name)?.trim();
        if (value) texts.push(`${name}="${value}"`);
      }
    }
    return texts;
  });
}

/** Elements that stick out of the window sideways, unless an ancestor clips or scrolls them. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > width + 1)
      found.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${width}px window`);
    const clipped = (el: Element): boolean => {
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        const overflowX = getComputedStyle(up).overflowX;
        if (overflowX !== 'visible') {
          const box = up.getBoundingClientRect();
          if (box.right <= width + 1 && box.left >= -1) return true;
        }
      }
      return false;
    };
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      if (el.getClientRects().length === 0) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || (box.right <= width + 1 && box.left >= -1)) continue;
      // Wholly outside the window is the visually-hidden pattern (the skip link), not overflow.
      if (box.right <= 0 || box.left >= width) continue;
      if (clipped(el)) continue;
      const text = (el.textContent ?? '').trim().slice(0, 40);
      found.push(
        `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> "${text}" spans ${Math.round(box.left)}–${Math.round(box.right)}px`,
      );
    }
    return found;
  });
}

const RAW_KEY = /\b[a-z][a-zA-Z]*:[a-zA-Z][\w-]*\.[\w.-]*[a-zA-Z]\b/;
const PLACEHOLDER = /\{\{\s*\w+\s*\}\}/;
const ELECTRON_KEYS = /\b(?:CommandOrControl|CmdOrCtrl|Command|Control|Option)\+/;
/** Key combinations as formatAccelerator writes them off a Mac: Ctrl+Alt+L, Ctrl+Shift+F9. */
const OS_COMBINATION = /\b(?:(?:Ctrl|Alt|Shift|Win|Super)\+)+(?:F\d{1,2}|[A-Z0-9])\b/g;
/** A key fingerprint or safety-number group: hex digits, at least four of them. */
const HEX_GROUP = /^[0-9A-F]{4,}$/i;
/**
 * Literal strings that are Latin everywhere: armor lines, a team's addresses from its card
 * (e-mail, web address, @handle, Signal username `name.01`), a function key (F8).
 */
const LITERAL =
  /-----[A-Z ]+-----|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?:\/\/\S+|@\w+|\b[a-z0-9_]+\.\d{2,}\b|\bF\d{1,2}\b/g;

export function problemsIn(texts: readonly string[], lang: Lang): string[] {
  const problems: string[] = [];
  for (const text of texts) {
    if (RAW_KEY.test(text)) problems.push(`a catalog key: ${text}`);
    if (PLACEHOLDER.test(text)) problems.push(`an unfilled placeholder: ${text}`);
    if (ELECTRON_KEYS.test(text)) problems.push(`keys in Electron's spelling: ${text}`);
    if (lang === 'en') continue;
    const words = text
      .replace(/^(?:title|aria-label|placeholder|alt)="/, '')
      .replace(OS_COMBINATION, ' ')
      .replace(LITERAL, ' ')
      .match(/[A-Za-z0-9][A-Za-z0-9'’-]*/g);
    const english = (words ?? [])
      .map((w) => w.replace(/[-'’]+$/, ''))
      .filter((w) => /[A-Za-z]/.test(w) && !LATIN_NAMES.includes(w) && !HEX_GROUP.test(w));
    if (english.length > 0) problems.push(`English in ${lang} (${english.join(', ')}): ${text}`);
  }
  return [...new Set(problems)];
}

/** Everything on the current screen a person would notice as wrong; [] when there is nothing. */
export async function whatAPersonNotices(page: Page, lang: Lang): Promise<string[]> {
  return [...problemsIn(await readable(page), lang), ...(await overflowing(page))];
}
