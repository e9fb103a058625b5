import { VaultLockedError } from './recordStore';
import type { VaultSubkeys } from './keyDerivation';

/**
 * The key material of one unlocked period. Everything secret lives in Buffers owned here so that
 * `wipe()` can zero every one of them (a lock zeroes every key buffer with fill(0): docs/vault-format.md §Keys).
 */
export interface VaultSession {
  readonly vaultId: Buffer;
  readonly master: Buffer;
  readonly subkeys: VaultSubkeys;
  readonly role: 'primary' | 'recovery' | 'duress';
  /** Throws vault/locked once the session was wiped. */
  assertOpen(): void;
  isOpen(): boolean;
  /**
   * A lock has begun: its own flush (summary, pending saves) still writes, but long work that the
   * lock does not wait for (an attachment being read or written) must stop now, not once the
   * flush is done, so no plaintext is handed out after the person pressed Lock.
   */
  beginClose(): void;
  /** Throws vault/locked once a lock has begun (beginClose) or the session was wiped. */
  assertActive(): void;
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
  let closing = false;
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
    beginClose: () => {
      closing = true;
    },
    assertActive: () => {
      if (closing || !open) throw new VaultLockedError();
    },
    keyBuffers: buffers,
    wipe: () => {
      open = false;
      for (const b of buffers()) b.fill(0);
    },
  };
}
