import { deriveHeaderKey, openCopyBody, type CopyCandidate, type HeaderState } from './headerV2';
import type { LiveHeader } from './headerFile';
import type { KdfParams } from './kdfParams';
import type { OpenedSlot } from './vaultHeader';

/** Whether two copies need the same Argon2id run. */
export function sameKdfInput(
  a: { salt: Buffer; kdf: KdfParams },
  b: { salt: Buffer; kdf: KdfParams },
): boolean {
  return (
    a.salt.equals(b.salt) &&
    a.kdf.memoryKiB === b.kdf.memoryKiB &&
    a.kdf.iterations === b.kdf.iterations &&
    a.kdf.parallelism === b.kdf.parallelism
  );
}

export interface Tried {
  c: CopyCandidate;
  slot: OpenedSlot | null;
}

/**
 * The newest authentic copy and this passphrase's slot in it. The header key comes from the
 * master key, which every non-duress slot of a vault wraps, so a passphrase that opens a slot in
 * ONE copy can authenticate BOTH; when the newest copy no longer has a slot for it (a change whose
 * second write never happened left it only in the older copy), it opens nothing: once the first
 * write of a change is durable, the old passphrase is gone. A key rotation killed between its two
 * writes leaves copies under two master keys: each master is tried, and the highest generation
 * that authenticates under its own slot's key wins (the rotation's first write, if it landed).
 */
export function newestFor(tried: Tried[]): { c: CopyCandidate; slot: OpenedSlot; live: LiveHeader } | null {
  let best: { c: CopyCandidate; slot: OpenedSlot; live: LiveHeader } | null = null;
  for (const key of tried) {
    if (!key.slot || key.slot.role === 'duress') continue;
    const found = newestUnder(tried, key.slot.master, key.c.vaultId);
    if (!found) continue;
    if (best && best.live.state.generation >= found.live.state.generation) {
      found.slot.master.fill(0);
      found.live.headerKey.fill(0);
      continue;
    }
    if (best) {
      best.slot.master.fill(0);
      best.live.headerKey.fill(0);
    }
    best = found;
  }
  return best;
}

function newestUnder(
  tried: Tried[],
  master: Buffer,
  vaultId: Buffer,
): { c: CopyCandidate; slot: OpenedSlot; live: LiveHeader } | null {
  const headerKey = deriveHeaderKey(master, vaultId);
  const bodies = tried.map((t) => ({ t, body: openCopyBody(t.c, headerKey) }));
  let newest: (typeof bodies)[number] | null = null;
  for (const b of bodies)
    if (b.body && (!newest?.body || b.body.generation > newest.body.generation)) newest = b;
  const slot = newest?.t.slot;
  if (!newest?.body || !slot || slot.role === 'duress' || !slot.master.equals(master)) {
    headerKey.fill(0);
    return null;
  }
  const { c } = newest.t;
  const { generation } = newest.body;
  // In step: the other copy is the first write of the same change (generation − 1, same state).
  const otherInStep = bodies.some(
    (b) => b !== newest && b.body !== null && generation % 2n === 0n && b.body.generation === generation - 1n,
  );
  const state: HeaderState = { vaultId: c.vaultId, kdf: c.kdf, salt: c.salt, slots: c.slots, ...newest.body };
  return {
    c,
    slot: { ...slot, master: Buffer.from(slot.master) },
    live: { state, headerKey, newest: c.index, otherInStep },
  };
}
