import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { createGpgHome, statusLines, type GpgHome } from '../fixtures/pgp/gpgHome';
import { pgpMimeBody } from '../fixtures/pgp/peers';
import { makeFixtureTeam, type FixtureTeam } from '../fixtures/pgp/teamCards';
import { createVault, expect, STRONG_PASSPHRASE, test } from './fixtures';

/**
 * Issue 4, "Done when": the whole contact-support story in real Chromium against the real
 * services, with the real /usr/bin/gpg standing in for the support team on the other side.
 */

const RU = {
  nav: 'Связь с поддержкой',
  teamsTab: 'Команды',
  keyTab: 'Мой ключ',
  writeTab: 'Написать обращение',
};

async function switchToRussian(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('radio', { name: 'Русский' }).click();
  await expect(page.getByRole('radio', { name: 'Русский' })).toBeChecked();
  await page.getByRole('button', { name: RU.nav, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: RU.nav })).toBeVisible();
}

function groupsOf(fingerprint: string): string[] {
  return fingerprint.match(/.{4}/g) ?? [];
}

/** Primary-key fingerprints gpg lists, in order. */
async function primaryFingerprints(gpg: GpgHome): Promise<string[]> {
  const listing = (await gpg.runOk(['--with-colons', '--list-keys'])).stdout.toString('utf8').split('\n');
  const out: string[] = [];
  for (let i = 0; i < listing.length; i += 1) {
    if (!listing[i]?.startsWith('pub:')) continue;
    const fpr = listing.slice(i + 1).find((line) => line.startsWith('fpr:'));
    const value = fpr?.split(':')[9];
    if (value) out.push(value);
  }
  return out;
}

test.describe('contact support', () => {
  let team: FixtureTeam;
  let gpg: GpgHome;

  test.beforeEach(async () => {
    team = await makeFixtureTeam();
    gpg = await createGpgHome();
  });
  test.afterEach(async () => {
    await gpg.cleanup();
  });

  test('card → confirm fingerprint → own key → Russian labour request that gpg reads → gpg reply shows as verified', async ({
    page,
    harness,
  }) => {
    test.setTimeout(180_000);
    await page.goto(harness.url);
    await createVault(page);
    await switchToRussian(page);

    // 1. Import the team's card by paste; it arrives unverified, fingerprint in groups of four.
    await page.getByRole('tab', { name: RU.teamsTab }).click();
    await page.getByLabel('Карточка команды').fill(team.card);
    await page.getByRole('button', { name: 'Добавить команду' }).click();
    const teamCard = page.getByRole('article', { name: 'Example Support Desk' });
    await expect(teamCard.getByText('Не проверена', { exact: true })).toBeVisible();
    const fingerprint = teamCard.getByRole('group', { name: 'Контрольный код ключа' });
    const groups = groupsOf(team.key.fingerprint);
    expect(groups).toHaveLength(10);
    for (const group of groups) await expect(fingerprint.getByText(group, { exact: true })).toBeVisible();

    // 2. The person types the fingerprint the team published elsewhere; main compares.
    await teamCard
      .getByRole('textbox', { name: 'Контрольный код ключа, который опубликовала команда' })
      .fill(groups.join(' '));
    await teamCard.getByRole('button', { name: 'Сравнить' }).click();
    await expect(teamCard.getByText('Проверена', { exact: true })).toBeVisible();

    // 3. Own key: made here, its public half saved as .asc (lands in the harness's downloads).
    await page.getByRole('tab', { name: RU.keyTab }).click();
    await page.getByRole('button', { name: 'Создать мой ключ' }).click();
    await expect(page.getByRole('group', { name: 'Контрольный код моего ключа' })).toBeVisible({
      timeout: 30_000,
    });
    await page.getByRole('button', { name: 'Сохранить открытый ключ в файл…' }).click();
    const publicKeyFile = path.join(harness.downloadsDir, 'my-public-key.asc');
    await expect
      .poll(() => readFile(publicKeyFile, 'utf8').catch(() => ''))
      .toContain('-----BEGIN PGP PUBLIC KEY BLOCK-----');

    // 4. The wizard: team (with its badge) → what you need → the form → review → encrypt.
    await page.getByRole('tab', { name: RU.writeTab }).click();
    await page.getByRole('radio', { name: /Example Support Desk/ }).check();
    await expect(page.getByText('Проверена', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Далее' }).click();
    await page.getByRole('radio', { name: /Трудовой спор/ }).check();
    await page.getByRole('button', { name: 'Далее' }).click();

    const whatHappened = 'Работодатель три месяца не платит зарплату и забрал мой паспорт.';
    await page.getByLabel('Что случилось', { exact: true }).fill(whatHappened);
    await page.getByLabel(/^Где/).fill('Вроцлав, Польша');
    await page.getByLabel('Работодатель', { exact: true }).fill('ООО «Стройсервис»');
    await page.getByLabel('Есть ли невыплаченная зарплата', { exact: true }).selectOption({ label: 'Да' });
    await page.getByLabel(/^Сколько не выплачено/).fill('7200 злотых');
    await page
      .getByLabel('Удерживает ли работодатель ваши документы', { exact: true })
      .selectOption({ label: 'Да' });
    await page.getByLabel(/^Что-то ещё/).fill('Пишите только в Signal, пожалуйста.');
    await page.getByRole('button', { name: 'Далее' }).click();

    const review = page.getByLabel('Ваше обращение открытым текстом');
    await expect(review).toContainText('Работодатель: ООО «Стройсервис»');
    await expect(review).toContainText('Удерживает ли работодатель ваши документы: Да');
    await page.getByRole('button', { name: 'Зашифровать' }).click();

    // 5. The result: armored text, Copy with the visible countdown, the team's channels.
    const output = page.getByLabel('Зашифрованное обращение');
    await expect(output).toHaveValue(/-----BEGIN PGP MESSAGE-----/, { timeout: 30_000 });
    await page.getByRole('button', { name: 'Скопировать', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Буфер обмена очистится через' })).toBeVisible();
    await expect(page.getByText(/сообщение боту команды в Telegram: @example_help_bot/)).toBeVisible();
    const armored = await output.inputValue();

    // 6. The team decrypts with the real gpg and finds the Russian fields; the signature is good.
    await gpg.runOk(['--import'], team.key.armoredSecret);
    await gpg.runOk(['--import'], await readFile(publicKeyFile, 'utf8'));
    const decrypted = await gpg.runOk(['--status-fd', '2', '--decrypt'], armored);
    const plaintext = decrypted.stdout.toString('utf8');
    expect(plaintext).toContain('Обращение: Трудовой спор');
    expect(plaintext).toContain(whatHappened);
    expect(plaintext).toContain('Работодатель: ООО «Стройсервис»');
    expect(plaintext).toContain('Сколько не выплачено: 7200 злотых');
    expect(plaintext).toContain('"employer":"ООО «Стройсервис»"');
    expect(statusLines(decrypted.stderr).some((line) => line.startsWith('GOODSIG'))).toBe(true);

    // 7. The team answers with gpg --encrypt --sign to the person's exported key, as PGP/MIME
    // (what Thunderbird-style clients send): quoted-printable Cyrillic text and a file.
    const userFingerprint = (await primaryFingerprints(gpg)).find((fpr) => fpr !== team.key.fingerprint);
    expect(userFingerprint).toBeDefined();
    const replyText = 'Здравствуйте! Мы получили ваше обращение. Юрист свяжется с вами завтра.';
    const reply = await gpg.runOk(
      [
        '--trust-model',
        'always',
        '--armor',
        '--encrypt',
        '--sign',
        '--recipient',
        userFingerprint ?? '',
        '--local-user',
        team.key.fingerprint,
      ],
      pgpMimeBody({
        text: replyText,
        fileName: 'доверенность.pdf',
        file: new Uint8Array([37, 80, 68, 70, 0, 255]),
      }),
    );

    // 8. Pasted into the request's thread, it opens and shows as signed by the verified team key.
    await page.getByRole('button', { name: 'Открыть переписку по обращению' }).click();
    await page.getByLabel('Ответ команды').fill(reply.stdout.toString('utf8'));
    await page.getByRole('button', { name: 'Открыть ответ' }).click();
    const replies = page.getByRole('list', { name: 'Ответы' });
    await expect(replies.getByText('Подписано: Example Support Desk, ключ проверен')).toBeVisible({
      timeout: 30_000,
    });
    await expect(replies.getByText(replyText)).toBeVisible();
    await expect(replies.getByText('=D0')).toHaveCount(0);
    await expect(replies.getByText('доверенность.pdf')).toBeVisible();
    await replies.getByRole('button', { name: 'Сохранить файл…' }).click();
    await expect(page.getByText(/Сохранённая копия НЕ зашифрована/)).toBeVisible();
    await page.getByRole('button', { name: 'Отмена' }).click();
    await expect(page.getByRole('button', { name: /Трудовой спор/ })).toContainText('1 ответ');
  });

  test('a revocation certificate pasted for a known team blocks it and says to get a new card', async ({
    page,
    harness,
  }) => {
    test.setTimeout(120_000);
    await page.goto(harness.url);
    await createVault(page);
    await switchToRussian(page);
    await page.getByRole('tab', { name: RU.teamsTab }).click();
    const cardBox = page.getByLabel('Карточка команды');
    await cardBox.fill(team.card);
    await page.getByRole('button', { name: 'Добавить команду' }).click();
    const teamCard = page.getByRole('article', { name: 'Example Support Desk' });
    await expect(teamCard).toBeVisible();

    // The team's own revocation certificate, as openpgp (and gpg --gen-revoke) make it.
    await cardBox.fill(team.key.revocationCertificate);
    await page.getByRole('button', { name: 'Добавить команду' }).click();
    await expect(page.getByText(/Команда отозвала ключ Example Support Desk/)).toBeVisible();
    await expect(teamCard.getByRole('heading', { name: 'Example Support Desk: ключ отозван' })).toBeVisible();
    await expect(teamCard.getByText(/по второму каналу, которому вы доверяете/)).toBeVisible();
  });

  test('a tampered card is refused with its message, and a bad reply paste loses nothing', async ({
    page,
    harness,
  }) => {
    test.setTimeout(120_000);
    await page.goto(harness.url);
    await createVault(page);
    await page.getByRole('button', { name: 'Contact support', exact: true }).click();

    // A card changed after signing: refused, translated, the pasted text stays in the box.
    const tampered = team.card.replace('help@example.org', 'help@evil.example');
    await page.getByRole('tab', { name: 'Teams' }).click();
    const cardBox = page.getByLabel("The team's card");
    await cardBox.fill(tampered);
    await page.getByRole('button', { name: 'Add this team' }).click();
    await expect(page.getByRole('alert')).toContainText("This card's signature is false");
    // A textarea keeps text with LF line ends (HTML value normalisation); the content is intact.
    await expect(cardBox).toHaveValue(tampered.replace(/\r\n/g, '\n'));
    await expect(page.getByRole('article')).toHaveCount(0);

    // The genuine card goes in; it stays marked unverified on every screen that uses it.
    await cardBox.fill(team.card);
    await page.getByRole('button', { name: 'Add this team' }).click();
    await expect(page.getByRole('article', { name: 'Example Support Desk' })).toBeVisible();

    // An anonymous request needs no own key; the draft survives a detour to another tab.
    await page.getByRole('tab', { name: 'Write a request' }).click();
    await page.getByRole('radio', { name: /Example Support Desk/ }).check();
    await expect(page.getByText('Not verified', { exact: true }).first()).toBeVisible();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('radio', { name: /Something else/ }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByRole('alert')).toContainText('1 required field is empty');
    await page.getByLabel('What happened', { exact: true }).fill('My phone was taken at the border.');
    await page.getByRole('tab', { name: 'My key' }).click();
    await page.getByRole('tab', { name: 'Write a request' }).click();
    await expect(page.getByLabel('What happened', { exact: true })).toHaveValue(
      'My phone was taken at the border.',
    );
    // … and a visit to another section (a lock drops it: see the end of this test).
    await page.getByRole('button', { name: 'Checklist', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Checklist' })).toBeVisible();
    await page.getByRole('button', { name: 'Contact support', exact: true }).click();
    await expect(page.getByLabel('What happened', { exact: true })).toHaveValue(
      'My phone was taken at the border.',
    );
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('You have not compared the fingerprint')).toBeVisible();
    await page.getByRole('switch', { name: 'Send anonymously' }).click();
    await expect(page.getByText('A one-time reply key travels inside')).toBeVisible();
    await page.getByRole('button', { name: 'Encrypt' }).click();
    await expect(page.getByLabel('Encrypted request')).toHaveValue(/-----BEGIN PGP MESSAGE-----/, {
      timeout: 30_000,
    });

    // A cut-off reply: a specific message, and the paste stays to fix.
    await page.getByRole('button', { name: "Open this request's thread" }).click();
    const replyBox = page.getByLabel("The team's reply");
    const truncated = '-----BEGIN PGP MESSAGE-----\n\nwV4DAAAAAAAAAAASAQdAabc\n';
    await replyBox.fill(truncated);
    await page.getByRole('button', { name: 'Open the reply' }).click();
    await expect(page.getByRole('alert')).toContainText('Nothing was changed');
    await expect(replyBox).toHaveValue(truncated);

    // A lock drops the draft with everything else the window held.
    await page.getByRole('tab', { name: 'Write a request' }).click();
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Tikho is locked' })).toBeVisible();
    await page.getByLabel('Passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('button', { name: 'Contact support', exact: true }).click();
    await expect(page.getByRole('radio', { name: /Example Support Desk/ })).not.toBeChecked();
    await expect(page.getByLabel('What happened', { exact: true })).toHaveCount(0);
  });
});
