import type { KdfParams } from './kdfParams';
import { secretKey, type VaultCore } from './vaultCore';
import { planNewVault, writeNewVault } from './vaultCreate';

/**
 * A new vault that no secret opens: the real header format and the given Argon2id parameters, a
 * random master key under which the notes are written while it stays unlocked, and every slot
 * left as the random bytes an unused slot holds. A sealed slot is a random nonce followed by
 * AES-256-GCM output, so to anyone without its key it is exactly such bytes: the header cannot be
 * told from one made by create() (docs/vault-format.md §Sealed vault). No Argon2id run: the
 * passphrase it would derive from would be thrown away, and nothing on disk depends on it. The
 * encrypted slot map names a primary (and recovery) slot as create() would, so its record has
 * the same size. Used for the spare/ filler (electron/services/panic/spareFolder.ts).
 */
export async function createSealedVault(
  core: VaultCore,
  kdf: KdfParams,
  withRecoveryCode: boolean,
): Promise<void> {
  const plan = await planNewVault(core, kdf, withRecoveryCode);
  // The session's KEK seals a backup's slot; a random one keeps a backup of this vault shut too.
  await writeNewVault(core, plan, secretKey());
}
