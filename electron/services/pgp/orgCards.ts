import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CARD_MAX_BYTES } from '../../../shared/contact/card';
import { isTikhoError } from '../../../shared/errors';
import { parseAndVerifyCard, type VerifiedCard } from './contactCard';

/**
 * Cards an organisation ships inside its own build (resources/org/*.asc). The stock build ships
 * none, so a missing folder is normal and yields nothing. Each card goes through the same
 * verification as a pasted one; a bad file is reported, never fatal for the others.
 */
export interface OrgCardsResult {
  cards: VerifiedCard[];
  errors: { file: string; code: string }[];
}

export async function loadOrgCards(directory: string, options: { now?: Date } = {}): Promise<OrgCardsResult> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return { cards: [], errors: [] };
  }
  const result: OrgCardsResult = { cards: [], errors: [] };
  for (const name of names.filter((n) => n.endsWith('.asc')).sort()) {
    const path = join(directory, name);
    try {
      const info = await stat(path);
      if (!info.isFile()) continue;
      if (info.size > CARD_MAX_BYTES) {
        result.errors.push({ file: name, code: 'pgp/input-too-large' });
        continue;
      }
      const text = await readFile(path, 'utf8');
      result.cards.push(await parseAndVerifyCard(text, options));
    } catch (error) {
      result.errors.push({ file: name, code: isTikhoError(error) ? error.code : 'pgp/card-malformed' });
    }
  }
  return result;
}
