import { isTikhoError } from '../../../shared/errors';
import { requireUnlocked, type PanicCore } from './panicCore';
import { readConfig } from './panicConfig';
import { panicError } from './panicErrors';
import { updateConfig } from './panicSettings';
import type { DecoyNote } from './spareFolder';
import { buildDecoy, replaceWithFiller } from './spareUpkeep';
import { duressTooClose } from './typoGuard';

/** Verifies the current passphrase, refuses a duress one within typo distance, sets the slot, builds the decoy. */
export async function setUpDuress(
  core: PanicCore,
  input: { currentPassphrase: string; duressPassphrase: string; decoyNotes?: DecoyNote[] },
): Promise<void> {
  const { currentPassphrase, duressPassphrase, decoyNotes } = input;
  requireUnlocked(core);
  const reason = duressTooClose(currentPassphrase, duressPassphrase);
  if (reason) throw panicError('panic/duress-too-close', { reason });
  await verifyPrimary(core, currentPassphrase);
  await core.vault.setSlot('duress', duressPassphrase);
  if (decoyNotes) await buildDecoy(core, duressPassphrase, decoyNotes);
}

export async function removeDuress(core: PanicCore): Promise<void> {
  requireUnlocked(core);
  const config = await readConfig(core.vault.records);
  // The config first: from here on spare/ counts as a filler whatever it still holds, and a kill
  // before the slot is cleared leaves a duress passphrase the screens still show as set (it
  // wipes, with no decoy), never a decoy the screens no longer mention.
  await updateConfig(core, {
    decoyPrepared: false,
    fillerDue: true,
    ...(config.endState === 'decoy' ? { endState: 'quit' } : {}),
  });
  await core.vault.clearSlot('duress');
  await replaceWithFiller(core);
}

/** Proves the caller knows the real passphrase without locking the vault. */
async function verifyPrimary(core: PanicCore, passphrase: string): Promise<void> {
  try {
    await core.vault.verifyPrimaryPassphrase(passphrase);
  } catch (err) {
    if (isTikhoError(err) && err.code === 'vault/wrong-passphrase')
      throw panicError('panic/wrong-passphrase');
    throw err;
  }
}
