import { generateKey } from 'openpgp';
import { openDesk } from './deskHarness';
import { expect, test } from './fixtures';
import { Tour } from './screensTourSteps';
import {
  channelStart,
  firstRunKeepingCode,
  TOUR_TEAM,
  TOUR_VIEWPORT,
  translator,
} from './screensTourMoreSteps';

/**
 * A team revokes its key after the person has talked to its desk: the revocation certificate,
 * pasted where a card is added, marks the team "key revoked" with no way to start a conversation,
 * and the open conversation says why nothing more can be sent, with the composer off. In en, ru
 * and uk, axe-clean in both themes, nothing a person would notice as wrong.
 */

test.use({ viewport: TOUR_VIEWPORT, actionTimeout: 20_000 });

for (const lang of ['en', 'ru', 'uk'] as const) {
  test.describe(lang, () => {
    test.use({ lang });

    test(`${lang}: a revoked team's desk gets nothing more, and both places say why`, async ({
      page,
      harness,
      browser,
      offsiteRequests,
    }, testInfo) => {
      test.setTimeout(240_000);
      const t = translator(lang);
      const look = new Tour(page, lang, testInfo);
      // The team's key is made outside the desk, as a team that keeps it offline would: so the
      // test holds the revocation certificate the team would publish.
      const { privateKey, revocationCertificate } = await generateKey({
        type: 'curve25519',
        userIDs: [{ name: TOUR_TEAM[lang] }],
        format: 'armored',
      });
      const desk = await openDesk(browser, offsiteRequests, { lang, viewport: TOUR_VIEWPORT });
      try {
        await firstRunKeepingCode(desk.page, lang);
        const published = await desk.page.evaluate(
          async ({ armoredSecret, teamName }) => {
            const details = {
              teamId: 'kovcheg',
              teamName,
              channels: {},
              categories: ['digital-security-incident' as const],
            };
            const setUp = await window.tikho.channel.deskSetup({ details, importKey: { armoredSecret } });
            const card = await window.tikho.channel.publishCard({});
            if (!setUp.ok || !card.ok) throw new Error('desk set-up failed');
            return { card: card.value.text, fingerprint: (setUp.value.fingerprintGroups ?? []).join(' ') };
          },
          { armoredSecret: privateKey, teamName: TOUR_TEAM[lang] },
        );

        await page.goto(harness.url);
        await firstRunKeepingCode(page, lang);
        await channelStart(page, lang, look, TOUR_TEAM[lang], published);

        await page.getByRole('button', { name: t('channel:teams.add') }).click();
        const add = page.getByRole('dialog', { name: t('channel:addCard.title') });
        await add.getByRole('textbox', { name: t('channel:addCard.label') }).fill(revocationCertificate);
        await add.getByRole('button', { name: t('channel:addCard.import') }).click();
        await expect(add).toHaveCount(0);

        const teams = page.getByRole('region', { name: t('channel:teams.title') });
        await expect(teams.getByText(t('channel:teams.revoked'), { exact: true })).toBeVisible();
        await expect(teams.getByRole('button', { name: t('channel:teams.start') })).toHaveCount(0);
        await expect(
          page
            .getByRole('alert')
            .filter({ hasText: t('channel:thread.teamRevoked', { name: TOUR_TEAM[lang] }) }),
        ).toBeVisible();
        await expect(page.getByRole('textbox', { name: t('channel:compose.label') })).toBeDisabled();
        await expect(page.getByRole('button', { name: t('channel:compose.encrypt') })).toBeDisabled();
        await look.screen('channel-team-revoked');
      } finally {
        await desk.close();
      }
    });
  });
}
