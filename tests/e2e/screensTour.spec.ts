import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { makeFixtureTeam } from '../fixtures/pgp/teamCards';
import { expect, test } from './fixtures';
import type { HarnessProcess } from './harness';
import {
  coveredByToast,
  firstRun,
  panicDialogs,
  PASSPHRASE,
  settingsDialogs,
  Tour,
} from './screensTourSteps';
import type { Lang } from './tr';
import { tr } from './tr';

/**
 * Issue 16 ("Done when"): every screen a person meets outside the six main sections (which
 * a11y.spec.ts walks) — first run, the lock screen and its refusal, the index notice, the
 * Settings and wipe dialogs, the support request wizard — is axe-clean in the light and the dark
 * theme at 1024×700, walked in the person's own language chosen on the first step. With
 * TIKHO_SCREENSHOTS=1 each screen is saved to test-results for a person to look at (looking is
 * the point; they are not compared).
 */

type T = (key: `${string}:${string}`, options?: Record<string, unknown>) => string;

async function lockScreens(page: Page, t: T, tour: Tour, harness: HarnessProcess, lang: Lang): Promise<void> {
  await page.getByRole('button', { name: t('vault:lock.lockNow'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('vault:lock.title') })).toBeVisible();
  // "Wipe cancelled" was still showing when the lock came: what a toast said inside stays inside.
  // Counted at once, not polled: a toast times out by itself after 6 s.
  expect(await page.locator('.toast').count(), 'toasts on the lock screen').toBe(0);
  await tour.screen('lock');
  await page.getByLabel(t('vault:lock.passphrase'), { exact: true }).fill('not my passphrase');
  await page.getByRole('button', { name: t('vault:lock.unlock') }).click();
  await expect(page.getByRole('alert')).toContainText(t('errors:vault/wrong-passphrase'));
  await tour.screen('lock-wrong-passphrase');
  await page.getByRole('button', { name: t('vault:lock.useRecovery') }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('vault:lock.recoveryTitle') })).toBeVisible();
  await tour.screen('lock-recovery-code');
  await page.getByRole('button', { name: t('vault:lock.usePassphrase') }).click();

  // The index notice: the file that lists the notes is gone, so unlock rebuilds it and says so.
  fs.rmSync(path.join(harness.dataDir, 'vault', 'manifest.bin'));
  await page.getByLabel(t('vault:lock.passphrase'), { exact: true }).fill(PASSPHRASE[lang]);
  await page.getByRole('button', { name: t('vault:lock.unlock') }).click();
  const notice = page.getByRole('alertdialog', { name: t('integrity:rebuilt.title') });
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await tour.screen('index-notice', 'dialog');
  await notice.getByRole('button', { name: t('integrity:continue') }).click();
  await expect(page.getByRole('navigation', { name: t('common:nav.label') })).toBeVisible();
}

/** Adds a team's card and compares its fingerprint as typed from elsewhere (a second source). */
async function addVerifiedTeam(page: Page, t: T, tour: Tour, teamName: string): Promise<void> {
  const team = await makeFixtureTeam({ teamName });
  await page.getByRole('button', { name: t('common:nav.contact'), exact: true }).click();
  await page.getByRole('tab', { name: t('contact:tabs.write') }).click();
  await expect(page.getByText(t('contact:wizard.noTeams'))).toBeVisible();
  await tour.screen('request-no-team');
  await page.getByRole('tab', { name: t('contact:tabs.teams') }).click();
  await page.getByLabel(t('contact:import.label'), { exact: true }).fill(team.card);
  await page.getByRole('button', { name: t('contact:import.submit') }).click();
  const card = page.getByRole('article', { name: teamName });
  await card.getByRole('textbox', { name: t('common:verifyKey.label') }).fill(team.key.fingerprint);
  await card.getByRole('button', { name: t('common:verifyKey.compare') }).click();
  await expect(card.getByText(t('contact:badge.verified'), { exact: true })).toBeVisible();
  expect(await coveredByToast(page), 'what the toast covers on Teams').toEqual([]);
  await tour.screen('team-verified');
}

async function requestWizard(page: Page, t: T, tour: Tour, teamName: string): Promise<void> {
  await page.getByRole('tab', { name: t('contact:tabs.write') }).click();
  await expect(page.getByRole('heading', { name: t('contact:wizard.heading.team') })).toBeVisible();
  await page.getByRole('radio', { name: new RegExp(teamName) }).check();
  await tour.screen('request-team');
  await page.getByRole('button', { name: t('contact:wizard.next') }).click();
  await page.getByRole('radio', { name: t('contact:category.legal-aid') }).check();
  await tour.screen('request-need');
  await page.getByRole('button', { name: t('contact:wizard.next') }).click();
  await expect(page.getByRole('heading', { name: t('contact:wizard.heading.form') })).toBeVisible();
  // Next with what happened and the kind of repression empty (urgency and reply have defaults).
  await page.getByRole('button', { name: t('contact:wizard.next') }).click();
  await expect(page.getByText(t('contact:form.missing', { count: 2 }))).toBeVisible();
  await tour.screen('request-form-missing');
  await page
    .getByLabel(t('contact:field.whatHappened'), { exact: true })
    .fill(t('contact:field.whatHappened'));
  const choices: [string, string][] = [
    ['urgency', 'normal'],
    ['replyVia', 'same-channel'],
    ['repressionKind', 'search'],
  ];
  for (const [field, option] of choices) {
    await page
      .getByLabel(t(`contact:field.${field}`), { exact: true })
      .selectOption({ label: t(`contact:option.${field}.${option}`) });
  }
  await page.getByRole('button', { name: t('contact:wizard.next') }).click();
  await expect(page.getByRole('heading', { name: t('contact:wizard.heading.review') })).toBeVisible();
  await tour.screen('request-review');
  await page.getByRole('switch', { name: t('contact:review.anonymous') }).click();
  await page.getByRole('button', { name: t('contact:review.encrypt') }).click();
  await expect(page.getByLabel(t('contact:result.output'), { exact: true })).toHaveValue(
    /-----BEGIN PGP MESSAGE-----/,
    { timeout: 30_000 },
  );
  await tour.screen('request-result');
}

test.use({ viewport: { width: 1024, height: 700 } });

/** A team the person knows by a name in their own language: Latin here would be the person's data. */
const TEAM = { en: 'Kovcheg Help Desk', ru: 'Ковчег', uk: 'Ковчег' } as const;

for (const lang of ['en', 'ru', 'uk'] as const) {
  test(`every screen outside the main sections in ${lang}: axe-clean in light and dark at 1024×700`, async ({
    page,
    harness,
  }, testInfo) => {
    test.setTimeout(360_000);
    const t: T = (key, options) => tr(lang, key, options);
    const tour = new Tour(page, lang, testInfo);
    await page.goto(harness.url);
    await firstRun(page, lang, tour);
    await settingsDialogs(page, lang, tour);
    await panicDialogs(page, lang, tour);
    await lockScreens(page, t, tour, harness, lang);
    await addVerifiedTeam(page, t, tour, TEAM[lang]);
    await requestWizard(page, t, tour, TEAM[lang]);
  });
}
