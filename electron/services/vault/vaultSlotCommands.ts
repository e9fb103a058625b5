import { TikhoError } from '../../../shared/errors';
import { formatGroups } from '../../../shared/recoveryCode';
import { deriveKek } from './keyDerivation';
import { newRecoveryCode } from './recoveryCode';
import { readSlotMap, writeSlotMap } from './slotMap';
import { need, needWritable, randomSlot, secretKey, writeSlots, type VaultCore } from './vaultCore';
import { rotateTo } from './vaultRotation';
import type { RotationProgress } from './keyRotation';
import type { KdfSource, VaultService } from './vaultServiceTypes';
import {
  assertPassphrase,
  assertPrimaryPassphrase,
  freeSlotIndex,
  kdfPlanFor,
  kekOpeningNothing,
  rewrapSlot,
} from './vaultSlotOps';

export type SlotCommands = Pick<
  VaultService,
  | 'verifyPrimaryPassphrase'
  | 'changePassphrase'
  | 'setSlot'
  | 'clearSlot'
  | 'hasRecoverySlot'
  | 'hasDuressSlot'
  | 'createRecoveryCode'
  | 'setPassphraseAfterRecovery'
>;

type RotationResult = Promise<{ recoveryCode: string[] | null }>;

/** Every change of who can open the vault: passphrases, the duress slot, the recovery code. */
export function createSlotCommands(core: VaultCore, kdfSource: KdfSource | null): SlotCommands {
  const { serial } = core;
  return {
    verifyPrimaryPassphrase: (passphrase) =>
      serial(async () => assertPrimaryPassphrase(need(core), passphrase)),
    changePassphrase: (current, next, onProgress) =>
      serial(() => changePassphrase(core, kdfSource, current, next, onProgress)),
    setSlot: (role, passphrase) => serial(() => setDuressSlot(core, role, passphrase)),
    clearSlot: (role) => serial(() => clearSlot(core, role)),
    hasRecoverySlot: async () => (await readSlotMap(need(core).store)).recovery !== null,
    hasDuressSlot: async () => (await readSlotMap(need(core).store)).duress !== null,
    createRecoveryCode: (current) => serial(() => createRecoveryCode(core, current)),
    setPassphraseAfterRecovery: (next) => serial(() => setPassphraseAfterRecovery(core, next)),
  };
}

async function changePassphrase(
  core: VaultCore,
  kdfSource: KdfSource | null,
  current: string,
  next: string,
  onProgress?: (p: RotationProgress) => void,
): RotationResult {
  const s = needWritable(core);
  if (s.role !== 'primary') throw new TikhoError('vault/not-primary');
  assertPassphrase(next);
  await assertPrimaryPassphrase(s, current);
  // Any slot, its own included: new keys behind the passphrase that was seen protect nothing.
  const sameSaltKek = await kekOpeningNothing(s, next);
  const map = await readSlotMap(s.store);
  const kdf = await kdfPlanFor(core, kdfSource, s, map);
  let kek = sameSaltKek;
  if (kdf) {
    sameSaltKek.fill(0);
    kek = await deriveKek(next, kdf.salt, kdf.params);
  }
  return rotateTo(core, s, kek, { recovery: 'replace', ...(kdf ? { kdf } : {}) }, onProgress);
}

async function setDuressSlot(core: VaultCore, role: string, passphrase: string): Promise<void> {
  const s = needWritable(core);
  if (role !== 'duress') throw new TikhoError('vault/invalid-slot-role');
  assertPassphrase(passphrase);
  const map = await readSlotMap(s.store);
  const index = map.duress ?? freeSlotIndex(core, map);
  // The duress slot wraps a fresh random key that opens nothing: recognising the slot is all
  // a duress unlock needs, and a disk image plus the coerced passphrase must yield no key.
  const nothing = secretKey();
  try {
    await rewrapSlot(core, s, { index, role: 'duress', passphrase, wrapped: nothing }, map);
  } finally {
    nothing.fill(0);
  }
  await writeSlotMap(s.store, { ...map, duress: index });
  s.slotMap = { ...map, duress: index };
}

async function clearSlot(core: VaultCore, role: 'duress' | 'recovery'): Promise<void> {
  const s = needWritable(core);
  const map = await readSlotMap(s.store);
  const index = map[role];
  if (index === null) return;
  if (role === 'recovery') {
    // The removed code wrapped this master key: on a copy of the disk made while it worked,
    // it would open everything written from now on unless the key changes.
    if (s.role !== 'primary') throw new TikhoError('vault/not-primary');
    await rotateTo(core, s, Buffer.from(s.kek), { recovery: 'drop' });
    return;
  }
  // The duress slot never wrapped a key to the data (setSlot): clearing it in place is enough.
  const next = { ...map, duress: null };
  const used = new Set([next.primary, next.recovery]);
  await writeSlots(
    core,
    s,
    s.live.state.slots.map((old, i) => (used.has(i) ? old : randomSlot(core))),
  );
  await writeSlotMap(s.store, next);
  s.slotMap = next;
}

async function createRecoveryCode(core: VaultCore, current: string): Promise<{ recoveryCode: string[] }> {
  const s = needWritable(core);
  if (s.role !== 'primary') throw new TikhoError('vault/not-primary');
  await assertPrimaryPassphrase(s, current);
  const map = await readSlotMap(s.store);
  if (map.recovery !== null) {
    // A replaced code (lost paper, a code someone saw) wrapped this master key: it must not
    // open what is written from now on, so the key changes and the new code wraps the new one.
    const { recoveryCode } = await rotateTo(core, s, Buffer.from(s.kek), { recovery: 'replace' });
    if (!recoveryCode) throw new Error('rotation dropped the recovery code');
    return { recoveryCode };
  }
  const index = freeSlotIndex(core, map);
  const code = newRecoveryCode();
  // Header first, then the map: a crash in between leaves the new code working and the map
  // saying "none", so the UI offers a new code again — never a map pointing at noise.
  await rewrapSlot(core, s, { index, role: 'recovery', passphrase: code }, map);
  const next = { ...map, recovery: index };
  await writeSlotMap(s.store, next);
  s.slotMap = next;
  return { recoveryCode: formatGroups(code) };
}

async function setPassphraseAfterRecovery(core: VaultCore, next: string): RotationResult {
  const s = needWritable(core);
  if (s.role !== 'recovery') throw new TikhoError('vault/not-recovery');
  assertPassphrase(next);
  // A rotation like any passphrase change: the forgotten passphrase, and the code just used,
  // open nothing written from now on; a new code replaces the used one, a duress one is kept.
  const kek = await kekOpeningNothing(s, next);
  return rotateTo(core, s, kek, { recovery: 'replace' });
}
