import { notifyHeaderChange, lockNow, openUnlocked, type VaultCore } from './vaultCore';
import type { LiveHeader } from './headerFile';
import type { UnlockOptions, UnlockResult } from './vaultServiceTypes';

/**
 * One unlock, queued behind the lifecycle: the role is decided from the header alone, so a duress
 * passphrase reads nothing of the vault, and a lock or panic that arrived while the KDF ran
 * cancels it before anything is installed.
 */
export function unlockVault(
  core: VaultCore,
  passphrase: string,
  opts: UnlockOptions = {},
): Promise<UnlockResult> {
  // Read now, synchronously: a lock() or destroyKeyMaterial() from here on overtakes this unlock.
  const lockSeen = opts.lockEpoch ?? core.lockEpoch;
  const destroySeen = core.destroyEpoch;
  return core.serial(async (): Promise<UnlockResult> => {
    const t0 = performance.now();
    const sources = await core.headers.read();
    const opened = await core.headers.open(sources, passphrase);
    const t1 = performance.now();
    // A refused passphrase changes nothing: an open session stays open.
    if (!opened) return { ok: false };
    // Checked after the KDF, the only await long enough for a panic or a lock to arrive in.
    const cancelled =
      core.destroyEpoch !== destroySeen ? 'destroyed' : core.lockEpoch !== lockSeen ? 'lock' : null;
    if (cancelled || opened.role === 'duress') {
      // The role is known from the header alone; nothing of the vault has been read. A duress
      // slot of a vault made before format 2 may still wrap the real key: zeroed unused.
      opened.master.fill(0);
      opened.kek.fill(0);
      opened.live?.headerKey.fill(0);
      if (cancelled) return { ok: false, cancelled };
      await lockNow(core);
      return { ok: true, role: 'duress' };
    }
    await lockNow(core);
    // Format 1 is converted here, before the session exists: a failed write fails the unlock
    // and the folder still opens as it was (headerFile.ts settle).
    let live: LiveHeader;
    try {
      live = await core.headers.settle(opened, sources.legacyPresent);
    } catch (err) {
      opened.master.fill(0);
      opened.kek.fill(0);
      opened.live?.headerKey.fill(0);
      throw err;
    }
    const converted = opened.live === null;
    const state = await openUnlocked(core, live, opened.kek, opened.master, opened.role, opened.index);
    core.state = state;
    if (converted) notifyHeaderChange(core);
    await state.attachments.sweepOrphans().catch(() => undefined);
    core.options.onUnlockTiming?.({ kdfMs: t1 - t0, restMs: performance.now() - t1 });
    return { ok: true, role: opened.role };
  });
}
