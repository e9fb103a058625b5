import type { HeaderFileContext } from './headerCopyWrite';
import type { HeaderSources, OpenedHeader } from './headerFile';
import { newestFor, sameKdfInput } from './headerChoice';
import type { KdfParams } from './kdfParams';
import { openSlots } from './vaultHeader';

/**
 * Choosing the copy a passphrase opens: the newest authentic format-2 copy, else a duress slot,
 * else a format-1 header (only when no copy opened at all).
 */

/** The KDF runs once per distinct (salt, parameters): normally once, whatever the copies. */
async function keksFor(
  ctx: HeaderFileContext,
  inputs: { salt: Buffer; kdf: KdfParams }[],
  passphrase: string,
) {
  const keks: { salt: Buffer; kdf: KdfParams; kek: Buffer }[] = [];
  for (const input of inputs) {
    if (keks.some((k) => sameKdfInput(k, input))) continue;
    keks.push({ ...input, kek: await ctx.derive(passphrase, input.salt, input.kdf) });
  }
  return keks;
}

export async function openHeader(
  ctx: HeaderFileContext,
  sources: HeaderSources,
  passphrase: string,
): Promise<OpenedHeader | null> {
  const inputs: { salt: Buffer; kdf: KdfParams }[] = [...sources.copies];
  if (sources.legacy) inputs.push(sources.legacy);
  const keks = await keksFor(ctx, inputs, passphrase);
  const kekOf = (c: { salt: Buffer; kdf: KdfParams }): Buffer =>
    keks.find((k) => sameKdfInput(k, c))?.kek ?? Buffer.alloc(0);
  // Every copy is tried (and all four slots of each), so the work does not say which one is live.
  const tried = sources.copies.map((c) => ({ c, slot: openSlots(kekOf(c), c) }));
  const legacySlot = sources.legacy ? openSlots(kekOf(sources.legacy), sources.legacy) : null;
  const v2 = newestFor(tried);
  let chosen: OpenedHeader | null = null;
  if (v2) chosen = { ...v2.slot, kek: kekOf(v2.c), live: v2.live, legacy: null };
  else if (tried.some((t) => t.slot?.role === 'duress')) {
    const t = tried.find((x) => x.slot?.role === 'duress');
    if (t?.slot)
      chosen = {
        ...t.slot,
        master: Buffer.from(t.slot.master),
        kek: kekOf(t.c),
        live: null,
        legacy: null,
      };
  } else if (legacySlot && sources.legacy && tried.every((t) => !t.slot)) {
    chosen = {
      ...legacySlot,
      master: Buffer.from(legacySlot.master),
      kek: kekOf(sources.legacy),
      live: null,
      legacy: sources.legacy,
    };
  }
  for (const t of tried) t.slot?.master.fill(0);
  legacySlot?.master.fill(0);
  // The caller gets its own copy of the chosen KEK; every derived one is zeroed here.
  const result = chosen ? { ...chosen, kek: Buffer.from(chosen.kek) } : null;
  for (const k of keks) k.kek.fill(0);
  return result;
}
