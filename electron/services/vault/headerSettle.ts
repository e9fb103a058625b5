import { TikhoError } from '../../../shared/errors';
import type { HeaderFileContext } from './headerCopyWrite';
import type { LiveHeader, OpenedHeader } from './headerFile';
import { deriveHeaderKey, type HeaderState } from './headerV2';
import { wipeLegacy, wipeStaleTemps } from './headerWipe';
import { bringInStep, createHeader } from './headerWrite';
import { wipeInPlaceFile } from './inPlaceFile';
import type { VaultHeader } from './vaultHeader';
import { toWriteError } from './writeError';

/** After an unlock, before the session is installed: the header left as a clean format 2. */
export async function settleHeader(
  ctx: HeaderFileContext,
  opened: OpenedHeader,
  legacyPresent: boolean,
): Promise<LiveHeader> {
  await wipeStaleTemps(ctx);
  if (opened.live) {
    const live = opened.live;
    await bringInStep(ctx, live);
    if (legacyPresent) await wipeLegacy(ctx);
    return live;
  }
  const v1 = opened.legacy;
  if (!v1) throw new TikhoError('vault/header-corrupt');
  return migrateFromFormat1(ctx, v1, opened.master);
}

/**
 * Format 1 → 2: the slots move over unchanged (same binding, see slotBinding), so the recovery
 * code and the duress passphrase keep working. The new file is complete and durable before the
 * old one is destroyed; a kill at any point leaves one that opens.
 */
async function migrateFromFormat1(
  ctx: HeaderFileContext,
  v1: VaultHeader,
  master: Buffer,
): Promise<LiveHeader> {
  await wipeInPlaceFile(ctx.fs, ctx.path).catch((err: unknown) => {
    throw toWriteError(err);
  });
  const headerKey = deriveHeaderKey(master, v1.vaultId);
  const state: HeaderState = {
    vaultId: v1.vaultId,
    kdf: v1.kdf,
    salt: v1.salt,
    slots: v1.slots,
    generation: 0n,
    manifestGeneration: 0n,
    flags: 0,
  };
  const live = await createHeader(ctx, state, headerKey);
  await wipeLegacy(ctx);
  return live;
}
