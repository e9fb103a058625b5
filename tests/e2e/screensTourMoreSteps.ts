import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import type { Tour } from './screensTourSteps';
import { PASSPHRASE } from './screensTourSteps';
import type { Lang } from './tr';
import { tr } from './tr';

/**
 * The walks of screensTourMore.spec.ts, one per part of the app: Panic & safety with the duress
 * passphrase and the dead-man wipe, the checklist's workshop mode and slides, the Secure channel
 * between a person and a help desk (safety-number dialog on both sides), and the screens after
 * opening with the recovery code. Tour checks each screen with axe in both themes and for what a
 * person would notice (screenChecks.ts).
 */

export type T = (key: `${string}:${string}`, options?: Record<string, unknown>) => string;

export function translator(lang: Lang): T {
  return (key, options) => tr(lang, key, options);
}

/** The duress passphrase differs from the real one by more than a typo and stays typeable. */
/** The window both channel walks run in, as small as the app allows. */
export const TOUR_VIEWPORT = { width: 1024, height: 700 };
/** A team the person knows by a name in their own language: Latin here would be the person's data. */
export const TOUR_TEAM = { en: 'Kovcheg Help Desk', ru: 'Ковчег', uk: 'Ковчег' } as const;

const DURESS: Record<Lang, string> = {
  en: 'copper meadow whistle sleepy harbour violin',
  ru: 'медный луг свистит над сонной гаванью',
  uk: 'мідний луг свище над сонною гаванню',
};

/** The passphrase chosen after opening with the recovery code. */
const NEW_PASSPHRASE: Record<Lang, string> = {
  en: 'granite pelican umbrella midnight saffron kettle',
  ru: 'гранитный пеликан под зонтом варит шафран',
  uk: 'гранітний пелікан під парасолькою варить шафран',
};

/** First run in the harness's language, with the recovery code kept: its groups are returned. */
export async function firstRunKeepingCode(page: Page, lang: Lang): Promise<string[]> {
  const t = translator(lang);
  await page.getByRole('button', { name: t('common:actions.continue') }).click();
  await page.getByRole('button', { name: t('common:actions.continue') }).click();
  await page.getByLabel(t('vault:firstRun.newPassphrase'), { exact: true }).fill(PASSPHRASE[lang]);
  await page.getByLabel(t('vault:firstRun.repeatPassphrase'), { exact: true }).fill(PASSPHRASE[lang]);
  await page.getByRole('button', { name: t('vault:firstRun.create') }).click();
  const code = page.getByRole('list', { name: t('recovery:sheet.listLabel') });
  await expect(code.getByRole('listitem')).toHaveCount(10, { timeout: 60_000 });
  const groups = await code.locator('.recovery-group-digits').allTextContents();
  await page.getByLabel(t('recovery:sheet.confirm'), { exact: true }).check();
  await page.getByRole('button', { name: t('common:actions.continue') }).click();
  await page.getByRole('button', { name: t('vault:firstRun.finish') }).click();
  await expect(page.getByRole('navigation', { name: t('common:nav.label') })).toBeVisible();
  return groups;
}

async function openSection(
  page: Page,
  t: T,
  section: string,
  heading = t(`common:nav.${section}`),
): Promise<void> {
  await page
    .getByRole('navigation', { name: t('common:nav.label') })
    .getByRole('button', { name: t(`common:nav.${section}`), exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

/** Panic & safety: a duress passphrase refused as too close, then set with its decoy; the dead-man wipe. */
export async function panicSettings(page: Page, lang: Lang, look: Tour): Promise<void> {
  const t = translator(lang);
  await openSection(page, t, 'panic');
  await look.screen('panic-safety');
  const real = page.getByLabel(t('panic:duress.current'), { exact: true });
  const duress = page.getByLabel(t('panic:duress.new'), { exact: true });
  const again = page.getByLabel(t('panic:duress.repeat'), { exact: true });
  await real.fill(PASSPHRASE[lang]);
  await duress.fill(`${PASSPHRASE[lang]}ы`);
  await again.fill(`${PASSPHRASE[lang]}ы`);
  await page.getByRole('button', { name: t('panic:duress.save') }).click();
  await expect(page.getByRole('alert')).toContainText(t('panic:errors.duress-too-close'));
  await look.screen('panic-duress-too-close');
  // The refusal empties the real passphrase field: it is typed again, as a person would.
  await real.fill(PASSPHRASE[lang]);
  await duress.fill(DURESS[lang]);
  await again.fill(DURESS[lang]);
  await expect(page.getByLabel(t('panic:duress.withDecoy'))).toBeChecked();
  await page.getByRole('button', { name: t('panic:duress.save') }).click();
  await expect(page.getByRole('radio', { name: t('panic:endState.decoy.label') })).toBeChecked({
    timeout: 60_000,
  });
  await look.screen('panic-duress-set');

  // Practising the duress passphrase on a copy: the practice lock screen, then what happened.
  const practice = page.getByRole('region', { name: t('panic:practice.duress.title') });
  await practice.scrollIntoViewIfNeeded();
  await practice.getByLabel(t('panic:practice.duress.label'), { exact: true }).fill(DURESS[lang]);
  await practice.getByRole('button', { name: t('panic:practice.duress.unlock') }).click();
  await expect(page.getByRole('heading', { name: t('panic:practice.outcome.title') })).toBeVisible({
    timeout: 60_000,
  });
  await look.screen('panic-practice-duress-outcome');

  const deadMan = page.getByRole('group', { name: t('panic:deadMan.title') });
  await deadMan.getByRole('radio', { name: t('panic:deadMan.after', { count: 7 }) }).click();
  await expect(deadMan.getByRole('status')).toBeVisible();
  await deadMan.scrollIntoViewIfNeeded();
  await look.screen('panic-dead-man-7-days');
}

/** The checklist's workshop mode, two slides of the presentation and the handout preview. */
export async function workshop(page: Page, lang: Lang, look: Tour): Promise<void> {
  const t = translator(lang);
  await openSection(page, t, 'checklist');
  await page.getByRole('radio', { name: new RegExp(`^${t('checklist:questions.scope.RU')}`) }).check();
  await page.getByRole('checkbox', { name: t('checklist:role.trainer') }).check();
  await page.getByRole('button', { name: t('checklist:questions.submit') }).click();
  await page.getByRole('button', { name: t('checklist:workshop.open') }).click();
  await page.getByRole('radio', { name: t('checklist:scenario.workshop') }).check();
  await look.screen('workshop-mode');
  const start = page.getByRole('button', { name: t('checklist:workshop.present') });
  await start.click();
  const slides = page.getByRole('dialog');
  await expect(slides.getByText(t('checklist:workshop.noAutoLock'))).toBeVisible();
  await look.screen('presentation-first-slide', 'dialog');
  // The title slide has no counter; the items are counted from 1.
  const slide = (n: number): RegExp =>
    new RegExp(`^${t('checklist:workshop.slideOf', { current: n, total: '\\d+' })}$`);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(slides.getByText(slide(2))).toBeVisible();
  await look.screen('presentation-next-slide', 'dialog');
  await page.keyboard.press('Escape');
  await expect(slides).toHaveCount(0);
  await page.getByRole('button', { name: t('checklist:workshop.handout') }).click();
  await expect(page.getByRole('button', { name: t('checklist:handout.print') })).toBeVisible();
  await look.screen('workshop-handout');
  await page.getByRole('button', { name: t('checklist:handout.close'), exact: true }).click();
}

export interface DeskCard {
  card: string;
  fingerprint: string;
}

/** The desk's own first screens: the empty set-up form, then the published card. */
export async function deskSetup(desk: Page, lang: Lang, look: Tour, teamName: string): Promise<DeskCard> {
  const t = translator(lang);
  // At a desk the Secure channel section is the team's support desk.
  await openSection(desk, t, 'channel', t('desk:title'));
  await look.screen('desk-setup');
  await desk.getByLabel(t('desk:setup.teamName'), { exact: true }).fill(teamName);
  await desk.getByLabel(t('desk:setup.teamId'), { exact: true }).fill('kovcheg');
  await desk.getByRole('checkbox', { name: t('contact:category.digital-security-incident') }).check();
  await desk.getByRole('button', { name: t('desk:setup.create') }).click();
  await desk.getByRole('button', { name: t('desk:card.publish') }).click();
  const cardBox = desk.getByRole('textbox', { name: t('desk:card.textTitle') });
  await expect(cardBox).toHaveValue(/BEGIN PGP SIGNED MESSAGE/, { timeout: 30_000 });
  const groups = desk.getByRole('list', { name: t('desk:card.fingerprintTitle') }).getByRole('listitem');
  await expect(groups).toHaveCount(10);
  await look.screen('desk-card');
  return { card: await cardBox.inputValue(), fingerprint: (await groups.allTextContents()).join(' ') };
}

/** The person adds the desk's card, verifies it and writes the first message. */
export async function channelStart(
  page: Page,
  lang: Lang,
  look: Tour,
  teamName: string,
  desk: DeskCard,
): Promise<string> {
  const t = translator(lang);
  await openSection(page, t, 'channel');
  await look.screen('channel-no-team');
  await page.getByRole('button', { name: t('channel:teams.add') }).click();
  const add = page.getByRole('dialog', { name: t('channel:addCard.title') });
  await add.getByRole('textbox', { name: t('channel:addCard.label') }).fill(desk.card);
  await look.screen('channel-add-card', 'dialog');
  await add.getByRole('button', { name: t('channel:addCard.import') }).click();
  const confirm = page.getByRole('dialog', { name: t('channel:confirmTeam.title', { name: teamName }) });
  await expect(confirm).toBeVisible();
  await look.screen('channel-verify-team', 'dialog');
  await confirm.getByRole('textbox', { name: t('common:verifyKey.label') }).fill(desk.fingerprint);
  await confirm.getByRole('button', { name: t('common:verifyKey.compare') }).click();
  await expect(confirm).toHaveCount(0);
  await page.getByRole('button', { name: t('channel:teams.start') }).click();
  await expect(page.getByRole('heading', { level: 2, name: teamName })).toBeVisible();
  await look.screen('channel-new-conversation');
  await page.getByRole('textbox', { name: t('channel:compose.label') }).fill(t('channel:thread.notVerified'));
  await page.getByRole('button', { name: t('channel:compose.encrypt') }).click();
  const out = page.getByRole('textbox', { name: t('channel:result.title') });
  await expect(out).toHaveValue(/^-----BEGIN MESSAGE-----\n/);
  await look.screen('channel-encrypted-message');
  return out.inputValue();
}

async function openSafetyNumber(page: Page, t: T, peerName: string): Promise<void> {
  await page.getByRole('button', { name: t('channel:thread.safetyNumber'), exact: true }).click();
  const dialog = page.getByRole('dialog', { name: t('channel:safety.title', { name: peerName }) });
  await expect(
    dialog.getByRole('list', { name: t('channel:safety.digitsLabel') }).getByRole('listitem'),
  ).toHaveCount(12);
}

/** The desk reads the first message: its conversation and its side of the safety number. */
export async function deskReads(desk: Page, lang: Lang, look: Tour, message: string): Promise<void> {
  const t = translator(lang);
  await desk.getByRole('tab', { name: t('desk:tabs.conversations') }).click();
  await look.screen('desk-conversations-empty');
  await desk.getByRole('textbox', { name: t('channel:paste.label') }).fill(message);
  await desk.getByRole('button', { name: t('channel:paste.decrypt') }).click();
  await expect(desk.getByRole('list', { name: t('channel:thread.messages') })).toBeVisible();
  await look.screen('desk-conversation');
  const person = await desk
    .getByRole('heading', { level: 2, name: new RegExp(t('channel:thread.person', { tag: '' }).trim()) })
    .textContent();
  await openSafetyNumber(desk, t, (person ?? '').trim());
  await look.screen('desk-safety-number', 'dialog');
  await desk.getByRole('button', { name: t('channel:safety.close') }).click();
  await desk.getByRole('tab', { name: t('desk:tabs.requests') }).click();
  await look.screen('desk-requests-empty');
}

/** The person's side of the safety number, before and after marking it verified. */
export async function personVerifies(page: Page, lang: Lang, look: Tour, teamName: string): Promise<void> {
  const t = translator(lang);
  await openSafetyNumber(page, t, teamName);
  await look.screen('channel-safety-number', 'dialog');
  await page.getByRole('button', { name: t('channel:safety.markVerified') }).click();
  await expect(page.getByRole('dialog').getByRole('status')).toHaveText(t('channel:badge.verified'));
  await look.screen('channel-safety-number-verified', 'dialog');
  await page.getByRole('button', { name: t('channel:safety.close') }).click();
}

/** Locked out of the passphrase: open with the recovery code, choose a new one, get a new code. */
export async function afterRecovery(page: Page, lang: Lang, look: Tour, groups: string[]): Promise<void> {
  const t = translator(lang);
  await page.getByRole('button', { name: t('vault:lock.lockNow'), exact: true }).click();
  await page.getByRole('button', { name: t('vault:lock.useRecovery') }).click();
  const field = page.getByLabel(t('recovery:entry.label'), { exact: true });
  await field.fill(groups.join(' '));
  await field.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: t('recovery:after.title') })).toBeVisible({
    timeout: 60_000,
  });
  await look.screen('after-recovery-new-passphrase');
  await page.getByLabel(t('recovery:after.next'), { exact: true }).fill(NEW_PASSPHRASE[lang]);
  await page.getByLabel(t('recovery:after.repeat'), { exact: true }).fill(NEW_PASSPHRASE[lang]);
  await page.getByRole('button', { name: t('recovery:after.submit') }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('recovery:sheet.listLabel') })).toBeVisible({
    timeout: 90_000,
  });
  await look.screen('after-recovery-new-code');
  await page.getByLabel(t('recovery:sheet.confirm'), { exact: true }).check();
  await page.getByRole('button', { name: t('common:actions.continue') }).click();
  await expect(page.getByRole('navigation', { name: t('common:nav.label') })).toBeVisible();
}
