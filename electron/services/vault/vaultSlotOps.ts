import { TikhoError } from '../../../shared/errors';
import { GCM_NONCE_BYTES, SALT_BYTES, SLOT_COUNT } from './formatConstants';
import { isKdfUpgrade } from './kdfCalibration';
import { assertKdfParams } from './kdfParams';
import { deriveKek } from './keyDerivation';
import type { RotationPlan } from './rotateSession';
import type { SlotMap } from './slotMap';
import { openSlots, sealSlot, slotBinding, type SlotRole } from './vaultHeader';
import { randomSlot, tryPassphrase, writeSlots, type Unlocked, type VaultCore } from './vaultCore';
import type { KdfSource } from './vaultServiceTypes';

/** The floor below the strength rule main applies (the checker refuses weak ones first). */
export const MIN_PASSPHRASE_CHARS = 8;

export function assertPassphrase(p: string): void {
  if ([...p].length < MIN_PASSPHRASE_CHARS)
    throw new TikhoError('vault/passphrase-too-weak', { minChars: MIN_PASSPHRASE_CHARS });
}

/** Fisher–Yates over the slot indices, so a role's position in the header is random. */
export function shuffledSlotIndices(random: (n: number) => Buffer): number[] {
  const order = Array.from({ length: SLOT_COUNT }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = random(4).readUInt32BE(0) % (i + 1);
    const a = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = a;
  }
  return order;
}

export function freeSlotIndex(core: VaultCore, map: SlotMap): number {
  const used = new Set([map.primary, map.recovery, map.duress]);
  const free = Array.from({ length: SLOT_COUNT }, (_, i) => i).filter((i) => !used.has(i));
  const pick = free[core.random(1).readUInt8(0) % free.length];
  if (pick === undefined) throw new TikhoError('vault/no-free-slot');
  return pick;
}

/** Throws vault/wrong-passphrase unless `passphrase` opens the primary slot. */
export async function assertPrimaryPassphrase(s: Unlocked, passphrase: string): Promise<void> {
  const opened = await tryPassphrase(s.live.state, passphrase);
  opened?.master.fill(0);
  if (!opened || opened.role !== 'primary') throw new TikhoError('vault/wrong-passphrase');
}

/** KEK of `passphrase` under the header's salt; refused when it already opens any slot. */
export async function kekOpeningNothing(s: Unlocked, passphrase: string): Promise<Buffer> {
  const { salt, kdf } = s.live.state;
  const kek = await deriveKek(passphrase, salt, kdf);
  const clash = openSlots(kek, s.live.state);
  clash?.master.fill(0);
  if (clash) {
    kek.fill(0);
    throw new TikhoError('vault/passphrase-in-use');
  }
  return kek;
}

/**
 * On a passphrase change, the calibrated Argon2id parameters of this computer when they are
 * stronger than the header's, with a fresh salt. The parameters and salt are shared by every
 * slot: a duress slot binds them and its passphrase is not typed here, so it keeps them (a
 * recovery code is replaced by the rotation anyway).
 */
export async function kdfPlanFor(
  core: VaultCore,
  kdfSource: KdfSource | null,
  s: Unlocked,
  map: SlotMap,
): Promise<RotationPlan['kdf']> {
  if (!kdfSource || map.duress !== null) return undefined;
  const params = await kdfSource();
  if (!isKdfUpgrade(s.live.state.kdf, params)) return undefined;
  assertKdfParams(params);
  return { params, salt: Buffer.from(core.random(SALT_BYTES)) };
}

/** Rewrites one slot under a new passphrase; refuses a passphrase that already opens another slot. */
export async function rewrapSlot(
  core: VaultCore,
  s: Unlocked,
  target: { index: number; role: SlotRole; passphrase: string; wrapped?: Buffer },
  map: SlotMap,
): Promise<void> {
  const { index, role, passphrase } = target;
  const wrapped = target.wrapped ?? s.session.master;
  const header = s.live.state;
  const kek = await deriveKek(passphrase, header.salt, header.kdf);
  try {
    const clash = openSlots(kek, header);
    if (clash && clash.index !== index) {
      clash.master.fill(0);
      throw new TikhoError('vault/passphrase-in-use');
    }
    clash?.master.fill(0);
    const fixed = slotBinding(header);
    const used = new Set([map.primary, map.recovery, map.duress].filter((i): i is number => i !== null));
    used.add(index);
    const slots = header.slots.map((old, i) => {
      if (i === index) return sealSlot(kek, fixed, i, role, wrapped, core.random(GCM_NONCE_BYTES));
      return used.has(i) ? old : randomSlot(core);
    });
    await writeSlots(core, s, slots);
    // A backup made from now on opens with the new primary passphrase.
    if (role === 'primary') kek.copy(s.kek);
  } finally {
    kek.fill(0);
  }
}
