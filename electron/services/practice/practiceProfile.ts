import fs from 'node:fs/promises';
import path from 'node:path';
import type { Language } from '../../../shared/settings';
import { TikhoError } from '../../../shared/errors';
import type { AppProfile } from '../app';
import { createCard, createPgpService } from '../pgp';
import { generateLegacyCurve25519Key } from '../pgp';
import type { KdfParams } from '../vault';
import { createVaultService } from '../vault';

/**
 * The practice profile: a throwaway data folder a trainer can show unlock, contact and panic
 * with, without touching a real vault. It sits where Electron's `--profile=practice`
 * looks (electron/main/index.ts: `<userData>/profiles/practice`), so "open" finds what "reset" made.
 */

export const PRACTICE_VAULT_DIR = 'vault';
export const PRACTICE_TEAM_ID = 'practice-team';

/**
 * Where the practice folder lives for a process serving `profile` at `dataDir`. A process that IS
 * the practice profile cannot reset itself: its vault files are open (null).
 */
export function practiceDirFor(profile: AppProfile, dataDir: string): string | null {
  if (profile === 'practice') return null;
  // user: <userData>; desk: <userData>/profiles/desk. Both lead to <userData>/profiles/practice.
  return profile === 'user'
    ? path.join(dataDir, 'profiles', 'practice')
    : path.join(path.dirname(dataDir), 'practice');
}

interface SampleNote {
  title: string;
  body: string;
  tags: string[];
}

/** Harmless, obviously fictional notes: a trainer projects them on a wall. */
const SAMPLE_NOTES: Record<Language, SampleNote[]> = {
  en: [
    {
      title: 'Practice: shopping list',
      body: 'Bread, tea, batteries for the torch.\n\nThis is a practice notebook. Nothing here is real.',
      tags: ['practice'],
    },
    {
      title: 'Practice: what to do if my phone is taken',
      body: '1. Stay calm. 2. Ask a friend to sign me out of my accounts from their device. 3. Call a lawyer.\n\nThis is a practice note for the workshop.',
      tags: ['practice', 'plan'],
    },
    {
      title: 'Practice: sample support card',
      body: 'The practice profile also holds a sample support team ("Practice support team"). Open "Contact support" to see it and to practise checking its fingerprint.',
      tags: ['practice'],
    },
  ],
  ru: [
    {
      title: 'Тренировка: список покупок',
      body: 'Хлеб, чай, батарейки для фонарика.\n\nЭто тренировочный блокнот. Здесь нет ничего настоящего.',
      tags: ['тренировка'],
    },
    {
      title: 'Тренировка: что делать, если заберут телефон',
      body: '1. Сохранять спокойствие. 2. Попросить друга выйти из моих аккаунтов со своего устройства. 3. Позвонить адвокату.\n\nЭто тренировочная заметка для семинара.',
      tags: ['тренировка', 'план'],
    },
    {
      title: 'Тренировка: пример карточки поддержки',
      body: 'В тренировочном профиле есть и пример команды поддержки («Тренировочная команда поддержки»). Откройте «Связь с поддержкой», чтобы увидеть её и потренироваться сверять отпечаток ключа.',
      tags: ['тренировка'],
    },
  ],
  uk: [
    {
      title: 'Тренування: список покупок',
      body: 'Хліб, чай, батарейки для ліхтарика.\n\nЦе тренувальний нотатник. Тут немає нічого справжнього.',
      tags: ['тренування'],
    },
    {
      title: 'Тренування: що робити, якщо заберуть телефон',
      body: '1. Зберігати спокій. 2. Попросити друга вийти з моїх облікових записів зі свого пристрою. 3. Зателефонувати адвокатові.\n\nЦе тренувальна нотатка для семінару.',
      tags: ['тренування', 'план'],
    },
    {
      title: 'Тренування: приклад картки підтримки',
      body: 'У тренувальному профілі є й приклад команди підтримки («Тренувальна команда підтримки»). Відкрийте «Зв’язок із підтримкою», щоб побачити її й потренуватися звіряти відбиток ключа.',
      tags: ['тренування'],
    },
  ],
};

const TEAM_NAMES: Record<Language, string> = {
  en: 'Practice support team',
  ru: 'Тренировочная команда поддержки',
  uk: 'Тренувальна команда підтримки',
};

export interface SeedPracticeOptions {
  dir: string;
  passphrase: string;
  language: Language;
  /** Tests pass the floor; the app uses the vault's defaults like a real vault would. */
  kdf?: KdfParams;
  now?: Date;
}

export interface SeedResult {
  dir: string;
  /** The sample card as signed text (also imported into the practice vault as an unverified team). */
  card: string;
  teamFingerprint: string;
}

/**
 * Deletes whatever was in the practice folder and makes it again: a vault with the given
 * passphrase, sample notes, and a sample support team whose card is signed by a key generated
 * here and thrown away (nobody can ever read what is "sent" to it).
 */
export async function seedPracticeProfile(options: SeedPracticeOptions): Promise<SeedResult> {
  const { dir, passphrase, language } = options;
  const now = options.now ?? new Date();
  // The folder is removed recursively, so refuse anything but a folder named like ours.
  if (path.basename(dir) !== 'practice' || !path.isAbsolute(dir))
    throw new TikhoError('checklist/practice-folder-refused');
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });

  const vault = createVaultService({
    dir: path.join(dir, PRACTICE_VAULT_DIR),
    ...(options.kdf ? { kdf: options.kdf } : {}),
  });
  await vault.create(passphrase, { withRecoveryCode: false });
  try {
    for (const note of SAMPLE_NOTES[language]) await vault.notes.create({ ...note, pinned: false });

    const teamKey = await generateLegacyCurve25519Key({ name: TEAM_NAMES[language], now });
    const card = await createCard(
      teamKey.armoredSecret,
      {
        teamId: PRACTICE_TEAM_ID,
        teamName: TEAM_NAMES[language],
        channels: { email: 'practice@example.org' },
        categories: ['digital-security-incident', 'other'],
      },
      { now },
    );
    const pgp = createPgpService({ records: vault.records, clock: () => now });
    await pgp.importCard(card);
    return { dir, card, teamFingerprint: teamKey.fingerprint };
  } finally {
    await vault.lock();
  }
}
