import { VaultLockedError } from './recordStore';
import type { VaultSubkeys } from './keyDerivation';

/**
 * The key material of one unlocked period. Everything secret lives in Buffers owned here so that
 * `wipe()` can zero every one of them (design §4: lock wipes key buffers with fill(0)).
 */
export interface VaultSession {
  readonly vaultId: Buffer;
  readonly master: Buffer;
  readonly subkeys: VaultSubkeys;
  readonly role: 'primary' | 'recovery' | 'duress';
  /** Throws vault/locked once the session was wiped. */
  assertOpen(): void;
  isOpen(): boolean;
  /** Every key Buffer this session holds, for wipe() and for the lock tests. */
  keyBuffers(): Buffer[];
  wipe(): void;
}

export function createVaultSession(
  vaultId: Buffer,
  master: Buffer,
  subkeys: VaultSubkeys,
  role: VaultSession['role'],
): VaultSession {
  let open = true;
  const buffers = (): Buffer[] => [master, subkeys.fileNames, subkeys.manifest, subkeys.prk];
  return {
    vaultId,
    master,
    subkeys,
    role,
    assertOpen: () => {
      if (!open) throw new VaultLockedError();
    },
    isOpen: () => open,
    keyBuffers: buffers,
    wipe: () => {
      open = false;
      for (const b of buffers()) b.fill(0);
    },
  };
}
