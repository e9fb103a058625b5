import { TikhoError } from '../../../shared/errors';
import { KDF_DEFAULTS } from './formatConstants';
import { assertKdfParams, type KdfParams } from './kdfParams';
import { createVault } from './vaultCreate';
import { createSealedVault } from './vaultSealed';
import { createVaultCore, dropSession, lockNow, need, notifyHeaderChange, type VaultCore } from './vaultCore';
import {
  createAttachmentsFacade,
  createBackupFacade,
  createNotesFacade,
  createRecordsFacade,
} from './vaultFacades';
import { recoverySecretFromInput } from './recoveryCode';
import { createSlotCommands } from './vaultSlotCommands';
import { assertPassphrase } from './vaultSlotOps';
import { unlockVault } from './vaultUnlock';
import type { KdfSource, VaultService, VaultServiceOptions } from './vaultServiceTypes';

export type {
  KdfSource,
  UnlockOptions,
  UnlockResult,
  VaultService,
  VaultServiceOptions,
} from './vaultServiceTypes';
export { VAULT_META_COLLECTION } from './vaultRotation';

/**
 * The vault as one object. Its parts share one VaultCore (vaultCore.ts): the lifecycle in
 * vaultCreate.ts and vaultUnlock.ts, who can open it in vaultSlotCommands.ts, key rotation in
 * vaultRotation.ts, and the stable facades other services hold in vaultFacades.ts.
 */
export function createVaultService(options: VaultServiceOptions): VaultService {
  const core = createVaultCore(options);
  const { serial, headers } = core;
  const kdfSource: KdfSource | null = typeof options.kdf === 'function' ? options.kdf : null;
  const kdfFixed: KdfParams = typeof options.kdf === 'object' ? options.kdf : { ...KDF_DEFAULTS };
  const backup = createBackupFacade(core);
  const isOpen = (): boolean => core.state !== null && core.state.session.isOpen();

  const service: VaultService = {
    exists: () => headers.exists(),
    isUnlocked: isOpen,
    get vaultId() {
      return isOpen() ? (core.state?.session.vaultId.toString('hex') ?? null) : null;
    },
    get kdfParams() {
      return isOpen() && core.state ? { ...core.state.live.state.kdf } : null;
    },

    ...newVaultCommands(core, kdfSource, kdfFixed),

    get lockEpoch() {
      return core.lockEpoch;
    },
    unlock: (passphrase, opts) => unlockVault(core, passphrase, opts),
    unlockWithRecoveryCode: (typed) => unlockVault(core, recoverySecretFromInput(typed)),
    lock() {
      core.lockEpoch++;
      return serial(() => lockNow(core));
    },
    onLock(listener) {
      core.lockListeners.add(listener);
      return () => core.lockListeners.delete(listener);
    },
    onHeaderChange(listener) {
      core.headerListeners.add(listener);
      return () => core.headerListeners.delete(listener);
    },

    get manifestGeneration() {
      return need(core).live.state.manifestGeneration;
    },
    setManifestGeneration: (value) =>
      serial(async () => {
        const s = need(core);
        if (value < 0n || value > 0xffff_ffff_ffff_ffffn) throw new RangeError('manifest generation');
        await headers.write(s.live, { ...s.live.state, manifestGeneration: value });
        notifyHeaderChange(core);
      }),

    ...createSlotCommands(core, kdfSource),
    get recoveryCodeCreated() {
      return need(core).slotMap.recovery !== null;
    },
    get needsNewPassphrase() {
      return isOpen() && core.state?.role === 'recovery';
    },

    async destroyKeyMaterial() {
      // Not serialised behind other lifecycle work: panic must not wait for a slow unlock. An
      // unlock whose KDF is running sees the epoch change and installs nothing.
      core.destroyEpoch++;
      core.state?.session.beginClose();
      // Both copies overwritten in place with random bytes and synced, then unlinked (and a
      // format-1 file not yet converted). A failure (EROFS) is left to the panic plan, which
      // checks the bytes really changed and reports it.
      await headers.destroy().catch(() => undefined);
      if (core.state) dropSession(core, core.state);
    },

    indexNotice: () => (isOpen() && core.state ? core.state.store.notice() : null),
    acknowledgeIndexNotice: async () => need(core).store.acknowledgeNotice(),
    records: createRecordsFacade(core),
    notes: createNotesFacade(core),
    attachments: createAttachmentsFacade(core),
    get backup() {
      return backup;
    },
    keyBuffersForTestsOnly: () =>
      core.state ? [...core.state.session.keyBuffers(), core.state.kek, core.state.live.headerKey] : [],
  };
  return service;
}

/** A vault into an empty folder: one a passphrase opens, or a sealed one nothing opens (vaultSealed.ts). */
function newVaultCommands(
  core: VaultCore,
  kdfSource: KdfSource | null,
  kdfFixed: KdfParams,
): Pick<VaultService, 'create' | 'createSealed'> {
  const paramsForNew = async (): Promise<KdfParams> => {
    if (await core.headers.exists()) throw new TikhoError('vault/exists');
    const kdf = kdfSource ? await kdfSource() : kdfFixed;
    assertKdfParams(kdf);
    return kdf;
  };
  return {
    create: (passphrase, opts) =>
      core.serial(async () => {
        assertPassphrase(passphrase);
        return createVault(core, passphrase, await paramsForNew(), opts.withRecoveryCode);
      }),
    createSealed: (opts) =>
      core.serial(async () => createSealedVault(core, await paramsForNew(), opts.withRecoveryCode)),
  };
}
