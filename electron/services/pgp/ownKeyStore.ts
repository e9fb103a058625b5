import { readPrivateKey, type PrivateKey } from 'openpgp';
import type { EncryptedRecordStore } from '../vault';
import { fingerprintGroups, normalizeFingerprint } from './fingerprint';
import {
  describeKey,
  generateLegacyCurve25519Key,
  readArmoredSecretKey,
  revokedPublicKey,
  type KeyInfo,
} from './keyMaterial';
import { PGP_CONFIG } from './openpgpConfig';
import { ownKeyRecords, type OwnKeyContext, type OwnKeyRecord } from './ownKeyRecord';
import { pgpError } from './pgpError';

export interface OwnKeyView extends KeyInfo {
  fingerprintGroups: string[];
  addedAt: string;
  revokedAt: string | null;
}

/**
 * The user's own long-term keys, in the vault only. Old keys are kept (marked revoked or simply
 * no longer current) so replies to requests sent with them still decrypt; only the current one
 * signs. One-time reply keys of anonymous requests live in their own collection (replyKeyStore.ts).
 */
export interface OwnKeyStore {
  generate(options?: { name?: string }): Promise<OwnKeyView>;
  importSecret(armored: unknown, passphrase?: string): Promise<OwnKeyView>;
  current(): Promise<OwnKeyView | null>;
  exportPublic(): Promise<string>;
  revoke(): Promise<{ revokedPublicKey: string; ownKey: OwnKeyView }>;
  /** The current key, for signing; refuses a revoked or expired one. */
  signingKey(): Promise<PrivateKey>;
  /** Every own secret key, current or not, for decrypting replies. */
  allSecretKeys(): Promise<PrivateKey[]>;
}

export function createOwnKeyStore(options: {
  records: EncryptedRecordStore;
  clock: () => Date;
}): OwnKeyStore {
  const ctx: OwnKeyContext = { keys: ownKeyRecords(options.records), clock: options.clock };
  return {
    async generate(opts = {}) {
      const generated = await generateLegacyCurve25519Key({
        ...(opts.name ? { name: opts.name } : {}),
        now: ctx.clock(),
      });
      return store(ctx, generated.privateKey, generated.revocationCertificate);
    },
    importSecret: async (armored, passphrase) =>
      store(ctx, await readArmoredSecretKey(armored, passphrase), null),
    async current() {
      const fingerprint = await ctx.keys.currentFingerprint();
      const record = fingerprint ? await ctx.keys.load(fingerprint) : null;
      return record ? view(ctx, await parse(record), record) : null;
    },
    async exportPublic() {
      const { key, record } = await currentOrThrow(ctx);
      // Once revoked, the only public key worth sharing is the revoked one.
      return record.revokedPublicKey ?? key.toPublic().armor();
    },
    revoke: () => revoke(ctx),
    signingKey: () => signingKey(ctx),
    async allSecretKeys() {
      const keys: PrivateKey[] = [];
      for (const fingerprint of await ctx.keys.fingerprints()) {
        const record = await ctx.keys.load(fingerprint);
        if (record) keys.push(await parse(record));
      }
      return keys;
    },
  };
}

const parse = (record: OwnKeyRecord): Promise<PrivateKey> =>
  readPrivateKey({ armoredKey: record.armoredSecret, config: PGP_CONFIG });

/** Keeps the key (a key already kept keeps its record and dates) and makes it the current one. */
async function store(
  ctx: OwnKeyContext,
  key: PrivateKey,
  revocationCertificate: string | null,
): Promise<OwnKeyView> {
  const fingerprint = normalizeFingerprint(key.getFingerprint());
  const existing = await ctx.keys.load(fingerprint);
  const record: OwnKeyRecord = existing ?? {
    armoredSecret: key.armor(),
    revocationCertificate,
    addedAt: ctx.clock().toISOString(),
    revokedAt: null,
    revokedPublicKey: null,
  };
  await ctx.keys.save(fingerprint, record);
  await ctx.keys.setCurrent(fingerprint);
  return view(ctx, key, record);
}

async function view(ctx: OwnKeyContext, key: PrivateKey, record: OwnKeyRecord): Promise<OwnKeyView> {
  const info = await describeKey(key, ctx.clock());
  return {
    ...info,
    validity: record.revokedAt ? 'revoked' : info.validity,
    fingerprintGroups: fingerprintGroups(info.fingerprint),
    addedAt: record.addedAt,
    revokedAt: record.revokedAt,
  };
}

async function currentOrThrow(
  ctx: OwnKeyContext,
): Promise<{ key: PrivateKey; record: OwnKeyRecord; fingerprint: string }> {
  const fingerprint = await ctx.keys.currentFingerprint();
  const record = fingerprint ? await ctx.keys.load(fingerprint) : null;
  if (!fingerprint || !record) throw pgpError('pgp/no-own-key');
  return { key: await parse(record), record, fingerprint };
}

async function revoke(ctx: OwnKeyContext): Promise<{ revokedPublicKey: string; ownKey: OwnKeyView }> {
  const { key, record, fingerprint } = await currentOrThrow(ctx);
  const now = ctx.clock();
  const revoked = record.revokedPublicKey ?? (await revokedPublicKey(key, record.revocationCertificate, now));
  // The secret stays unrevoked in the vault on purpose: it must still decrypt replies to
  // requests sent before the revocation; signing with it is refused via revokedAt.
  const updated: OwnKeyRecord = {
    ...record,
    revokedAt: record.revokedAt ?? now.toISOString(),
    revokedPublicKey: revoked,
  };
  await ctx.keys.save(fingerprint, updated);
  return { revokedPublicKey: revoked, ownKey: await view(ctx, key, updated) };
}

async function signingKey(ctx: OwnKeyContext): Promise<PrivateKey> {
  const { key, record } = await currentOrThrow(ctx);
  if (record.revokedAt) throw pgpError('pgp/key-revoked', { whose: 'own' });
  const info = await describeKey(key, ctx.clock());
  if (info.validity === 'revoked') throw pgpError('pgp/key-revoked', { whose: 'own' });
  if (info.validity === 'expired') throw pgpError('pgp/key-expired', { whose: 'own' });
  return key;
}
