import type { Page } from '@playwright/test';
import { openDesk } from './deskHarness';
import { createVault, expect, test } from './fixtures';
import { Tour } from './screensTourSteps';

/**
 * Issue 16 §10–11: a request's select fields travel as stable English values (`letters`,
 * `normal`, `same-channel`); the desk reading it in Russian or Ukrainian must see the words the
 * person chose from, never the wire value. Person and desk each run their own harness; the
 * person adds and verifies the desk's own card, writes in their language, and the desk pastes the
 * encrypted request into its inbox.
 */

/** In the person's script: a Latin name on a ru/uk screen would read as English left over. */
const TEAM = 'Ковчег';

interface Words {
  radio: string;
  settings: string;
  contact: string;
  channel: string;
  teamsTab: string;
  writeTab: string;
  cardLabel: string;
  addTeam: string;
  published: string;
  compare: string;
  verified: string;
  next: string;
  category: RegExp;
  whatHappened: string;
  story: string;
  prisoner: string;
  urgency: [field: string, option: string];
  replyVia: [field: string, option: string];
  helpKind: [field: string, option: string];
  prisonerName: string;
  anonymous: string;
  encrypt: string;
  output: string;
  requestsTab: string;
  pasteLabel: string;
  decrypt: string;
  messages: string;
}

const WORDS: Record<'ru' | 'uk', Words> = {
  ru: {
    radio: 'Русский',
    settings: 'Настройки',
    contact: 'Связь с поддержкой',
    channel: 'Защищённый канал',
    teamsTab: 'Команды',
    writeTab: 'Написать обращение',
    cardLabel: 'Карточка команды',
    addTeam: 'Добавить команду',
    published: 'Контрольный код ключа, который опубликовала команда',
    compare: 'Сравнить',
    verified: 'Проверена',
    next: 'Далее',
    category: /Поддержка политзаключённого/,
    whatHappened: 'Что случилось',
    story: 'Брата перевели в другое СИЗО, письма не доходят.',
    prisoner: 'Игорь Б.',
    urgency: ['Насколько срочно', 'В ближайшие дни'],
    replyVia: ['Как команде ответить', 'Тем же способом, которым я отправлю обращение'],
    helpKind: ['Какая помощь нужна', 'Письма'],
    prisonerName: 'Имя заключённого',
    anonymous: 'Отправить анонимно',
    encrypt: 'Зашифровать',
    output: 'Зашифрованное обращение',
    requestsTab: 'Обращения (OpenPGP)',
    pasteLabel: 'Вставьте зашифрованное обращение',
    decrypt: 'Расшифровать',
    messages: 'Сообщения',
  },
  uk: {
    radio: 'Українська',
    settings: 'Налаштування',
    contact: 'Зв’язок із підтримкою',
    channel: 'Захищений канал',
    teamsTab: 'Команди',
    writeTab: 'Написати звернення',
    cardLabel: 'Картка команди',
    addTeam: 'Додати команду',
    published: 'Контрольний код ключа, який опублікувала команда',
    compare: 'Порівняти',
    verified: 'Перевірена',
    next: 'Далі',
    category: /Підтримка політв’язня/,
    whatHappened: 'Що сталося',
    story: 'Брата перевели до іншого СІЗО, листи не доходять.',
    prisoner: 'Ігор Б.',
    urgency: ['Наскільки терміново', 'Найближчими днями'],
    replyVia: ['Як команді відповісти', 'Тим самим каналом, яким я надішлю звернення'],
    helpKind: ['Яка допомога потрібна', 'Листи'],
    prisonerName: 'Ім’я ув’язненого',
    anonymous: 'Надіслати анонімно',
    encrypt: 'Зашифрувати',
    output: 'Зашифроване звернення',
    requestsTab: 'Звернення (OpenPGP)',
    pasteLabel: 'Вставте зашифроване звернення',
    decrypt: 'Розшифрувати',
    messages: 'Повідомлення',
  },
};

/** The wire values of the three select fields the person fills; none may reach the desk's screen. */
const RAW_VALUES = [/\bletters\b/i, /\bnormal\b/i, /same-channel/i];

async function switchLanguage(page: Page, words: Words): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('radio', { name: words.radio }).click();
  await expect(page.getByRole('radio', { name: words.radio })).toBeChecked();
  await expect(page.getByRole('button', { name: words.settings, exact: true })).toBeVisible();
}

/** The desk sets up its team for political prisoners and publishes its signed card. */
async function publishDeskCard(desk: Page): Promise<{ card: string; fingerprint: string }> {
  await createVault(desk);
  await desk.getByRole('button', { name: 'Secure channel', exact: true }).click();
  await desk.getByLabel('Team name').fill(TEAM);
  // A Cyrillic name gives no Latin id of its own: the team types one.
  await desk.getByLabel('Team id', { exact: true }).fill('kovcheg');
  await desk.getByRole('checkbox', { name: 'Support for a political prisoner' }).check();
  await desk.getByRole('button', { name: "Create the team's keys" }).click();
  await desk.getByRole('button', { name: 'Publish card' }).click();
  const cardBox = desk.getByRole('textbox', { name: "The team's card" });
  await expect(cardBox).toHaveValue(/BEGIN PGP SIGNED MESSAGE/);
  const groups = await desk
    .getByRole('list', { name: "The team's fingerprint" })
    .getByRole('listitem')
    .allTextContents();
  return { card: await cardBox.inputValue(), fingerprint: groups.join(' ') };
}

/** The person, in their language: add the card, compare the fingerprint, write, encrypt. */
async function writeRequest(
  page: Page,
  words: Words,
  desk: { card: string; fingerprint: string },
): Promise<string> {
  await page.getByRole('button', { name: words.contact, exact: true }).click();
  await page.getByRole('tab', { name: words.teamsTab }).click();
  await page.getByLabel(words.cardLabel, { exact: true }).fill(desk.card);
  await page.getByRole('button', { name: words.addTeam }).click();
  const teamCard = page.getByRole('article', { name: TEAM });
  await teamCard.getByRole('textbox', { name: words.published }).fill(desk.fingerprint);
  await teamCard.getByRole('button', { name: words.compare }).click();
  await expect(teamCard.getByText(words.verified, { exact: true })).toBeVisible();

  await page.getByRole('tab', { name: words.writeTab }).click();
  await page.getByRole('radio', { name: new RegExp(TEAM) }).check();
  await page.getByRole('button', { name: words.next }).click();
  await page.getByRole('radio', { name: words.category }).check();
  await page.getByRole('button', { name: words.next }).click();
  await page.getByLabel(words.whatHappened, { exact: true }).fill(words.story);
  for (const [field, option] of [words.urgency, words.replyVia, words.helpKind]) {
    await page.getByLabel(field, { exact: true }).selectOption({ label: option });
  }
  await page.getByLabel(words.prisonerName, { exact: true }).fill(words.prisoner);
  await page.getByRole('button', { name: words.next }).click();
  await page.getByRole('switch', { name: words.anonymous }).click();
  await page.getByRole('button', { name: words.encrypt }).click();
  const output = page.getByLabel(words.output, { exact: true });
  await expect(output).toHaveValue(/-----BEGIN PGP MESSAGE-----/, { timeout: 30_000 });
  return output.inputValue();
}

/** The smallest window the screens are made for: the tour's size. */
const VIEWPORT = { width: 1024, height: 700 };
test.use({ viewport: VIEWPORT });

for (const lang of ['ru', 'uk'] as const) {
  test(`desk inbox in ${lang}: a request's chosen options read as words, never as their values`, async ({
    page,
    harness,
    browser,
    offsiteRequests,
  }, testInfo) => {
    test.setTimeout(180_000);
    const words = WORDS[lang];
    const desk = await openDesk(browser, offsiteRequests, { viewport: VIEWPORT });
    try {
      const published = await publishDeskCard(desk.page);

      await page.goto(harness.url);
      await createVault(page);
      await switchLanguage(page, words);
      const armored = await writeRequest(page, words, published);

      await switchLanguage(desk.page, words);
      await desk.page.getByRole('button', { name: words.channel, exact: true }).click();
      await desk.page.getByRole('tab', { name: words.requestsTab }).click();
      await desk.page.getByLabel(words.pasteLabel, { exact: true }).fill(armored);
      await desk.page.getByRole('button', { name: words.decrypt }).click();

      const messages = desk.page.getByRole('list', { name: words.messages });
      const pairs = messages.locator('dl > div');
      for (const [field, option] of [words.urgency, words.replyVia, words.helpKind]) {
        await expect(
          pairs.filter({ has: desk.page.locator('dt', { hasText: field }) }).locator('dd'),
          `${lang}: ${field}`,
        ).toHaveText(option);
      }
      // One vocabulary (issue 16 §6): the desk names the request's category in the words the
      // person chose it by, not in a second set of labels of its own.
      await expect(
        desk.page.getByText(words.category).first(),
        `${lang}: category on the desk`,
      ).toBeVisible();
      // The request as the desk reads it: axe in both themes, nothing a person would notice.
      await new Tour(desk.page, lang, testInfo).screen('desk-inbox-request');
      const text = await messages.innerText();
      for (const raw of RAW_VALUES)
        expect(text, `${lang}: the raw value ${raw} on the desk`).not.toMatch(raw);
    } finally {
      await desk.close();
    }
  });
}
