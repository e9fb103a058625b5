import { formatGroups } from '../../../shared/recoveryCode';
import type { RotationProgress } from './keyRotation';
import { newRecoveryCode } from './recoveryCode';
import { rotateSession, type RotationPlan } from './rotateSession';
import { RECORD_COLLECTIONS } from './collections';
import { notifyHeaderChange, notifyLocked, openUnlocked, type Unlocked, type VaultCore } from './vaultCore';

/** The collection the vault itself uses (slot map); other services write theirs, never this one. */
export const VAULT_META_COLLECTION = RECORD_COLLECTIONS.vault.meta;

/**
 * A master-key rotation (rotateSession.ts) to its commit, then the new session takes over
 * without a lock event. `kek` (the primary slot's, matching the plan's salt) is owned from here.
 */
export async function rotateTo(
  core: VaultCore,
  s: Unlocked,
  kek: Buffer,
  plan: RotationPlan,
  onProgress?: (p: RotationProgress) => void,
): Promise<{ recoveryCode: string[] | null }> {
  const { options } = core;
  core.rotating = true;
  let rotated: Awaited<ReturnType<typeof rotateSession>>;
  try {
    rotated = await rotateSession(
      {
        fs: core.fs,
        dir: core.dir,
        random: core.random,
        clock: core.clock,
        headers: core.headers,
        ...(options.gcmLane ? { gcmLane: options.gcmLane } : {}),
        ...(options.onRotationStage ? { onStage: options.onRotationStage } : {}),
        newRecoveryCode: () => {
          const code = newRecoveryCode();
          return { secret: code, shown: formatGroups(code) };
        },
        slotMapAddress: { collection: VAULT_META_COLLECTION, id: 'slots' },
      },
      s,
      kek,
      plan,
      onProgress,
    );
  } catch (err) {
    kek.fill(0);
    throw err;
  } finally {
    core.rotating = false;
  }
  // The old generation's keys go; the person stays in (no lock event): the new session
  // takes over at once, and its settle shreds the old files.
  s.session.beginClose();
  s.session.wipe();
  s.kek.fill(0);
  s.store.wipe();
  s.notebook.dropCaches();
  core.state = null;
  try {
    core.state = await openUnlocked(core, s.live, kek, rotated.master, 'primary', rotated.map.primary);
  } catch (err) {
    // Committed on disk, but the new session did not open (its settle failed): the vault is
    // locked now, and the listeners must hear it; the next unlock settles again.
    notifyLocked(core);
    throw err;
  } finally {
    notifyHeaderChange(core);
  }
  return { recoveryCode: rotated.recoveryCode };
}
