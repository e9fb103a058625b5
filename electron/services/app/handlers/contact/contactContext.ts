import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { contactChannels } from '../../../../../shared/ipc/contact';
import type { HandlersFor } from '../../../ipc';
import type { Services } from '../../services';

/** Where an organisation build ships its own cards (the stock build ships none). */
export const ORG_CARDS_DIR = 'org';

export type ContactHandlers = HandlersFor<typeof contactChannels>;

export type ContactServices = Pick<
  Services,
  'pgp' | 'requestLabels' | 'resourcesDir' | 'vault' | 'ports' | 'settings' | 'systemLanguage'
>;

/** What every contact-support handler group works with. */
export interface ContactHandlerContext {
  pgp: Services['pgp'];
  requestLabels: Services['requestLabels'];
  settings: Services['settings'];
  systemLanguage: Services['systemLanguage'];
  ports: Services['ports'];
  /** Imports the organisation's cards once per unlock (see orgCardLoader). */
  ensureOrgCards: () => Promise<void>;
}

/**
 * Organisation cards are (re)imported once per unlock: a locked vault cannot store them, and
 * a new build may ship a new card. The flag drops on lock so the next unlock loads again.
 */
export function orgCardLoader(
  services: Pick<Services, 'pgp' | 'resourcesDir' | 'vault'>,
): () => Promise<void> {
  let orgCards: Promise<void> | null = null;
  services.vault.onLock(() => {
    orgCards = null;
  });
  return () => {
    orgCards ??= services.pgp
      .importOrgCards(path.join(services.resourcesDir, ORG_CARDS_DIR))
      .then(() => undefined)
      .catch((error: unknown) => {
        // Failing here must not hide the teams the person imported; the next unlock retries.
        orgCards = null;
        throw error;
      });
    return orgCards;
  };
}

/** Offers the save dialog and writes the text, readable by the owner only. */
export async function saveText(
  ctx: ContactHandlerContext,
  defaultName: string,
  text: string,
): Promise<{ saved: boolean }> {
  const target = await ctx.ports.chooseSavePath(defaultName);
  if (target === null) return { saved: false };
  await writeFile(target, text, { encoding: 'utf8', mode: 0o600 });
  return { saved: true };
}
