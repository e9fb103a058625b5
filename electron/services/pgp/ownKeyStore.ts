import { z } from 'zod';
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
import { pgpError } from './pgpError';
import { COLLECTIONS, readRecord, writeRecord } from './recordJson';

/**
 * The user's own long-term keys, in the vault only. Old keys are kept (marked revoked or simply
 * no longer current) so replies to requests sent with them still decrypt; only the current one
 * signs. One-time reply keys of anonymous requests live in their own collection (replyKeys.ts).
 */
const ownKeyRecordSchema = z
  .object({
    armoredSecret: z.string(),
    revocationCertificate: z.string().nullable(),
    addedAt: z.string(),
    revokedAt: z.string().nullable(),
    revokedPublicKey: z.string().nullable(),
  })
  .strict();
type OwnKeyRecord = z.infer<typeof ownKeyRecordSchema>;
const currentSchema = z.object({ fingerprint: z.string() }).strict();
const CURRENT_ID = 'current-own-key';

export interface OwnKeyView extends KeyInfo {
  fingerprintGroups: string[];
  addedAt: string;
  revokedAt: string | null;
}

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
  const { records, clock } = options;

  const loadRecord = (fingerprint: string): Promise<OwnKeyRecord | null> =>
    readRecord(records, COLLECTIONS.ownKeys, fingerprint, ownKeyRecordSchema);
  const currentFingerprint = async (): Promise<string | null> =>
    (await readRecord(records, COLLECTIONS.state, CURRENT_ID, currentSchema))?.fingerprint ?? null;
  const parse = (record: OwnKeyRecord): Promise<PrivateKey> =>
    readPrivateKey({ armoredKey: record.armoredSecret, config: PGP_CONFIG });

  async function store(key: PrivateKey, revocationCertificate: string | null): Promise<OwnKeyView> {
    const fingerprint = normalizeFingerprint(key.getFingerprint());
    const existing = await loadRecord(fingerprint);
    const record: OwnKeyRecord = existing ?? {
      armoredSecret: key.armor(),
      revocationCertificate,
      addedAt: clock().toISOString(),
      revokedAt: null,
      revokedPublicKey: null,
    };
    await writeRecord(records, COLLECTIONS.ownKeys, fingerprint, record);
    await writeRecord(records, COLLECTIONS.state, CURRENT_ID, { fingerprint });
    return view(key, record);
  }

  async function view(key: PrivateKey, record: OwnKeyRecord): Promise<OwnKeyView> {
    const info = await describeKey(key, clock());
    return {
      ...info,
      validity: record.revokedAt ? 'revoked' : info.validity,
      fingerprintGroups: fingerprintGroups(info.fingerprint),
      addedAt: record.addedAt,
      revokedAt: record.revokedAt,
    };
  }

  async function currentOrThrow(): Promise<{ key: PrivateKey; record: OwnKeyRecord; fingerprint: string }> {
    const fingerprint = await currentFingerprint();
    const record = fingerprint ? await loadRecord(fingerprint) : null;
    if (!fingerprint || !record) throw pgpError('pgp/no-own-key');
    return { key: await parse(record), record, fingerprint };
  }

  return {
    async generate(opts = {}) {
      const generated = await generateLegacyCurve25519Key({
        ...(opts.name ? { name: opts.name } : {}),
        now: clock(),
      });
      return store(generated.privateKey, generated.revocationCertificate);
    },

    async importSecret(armored, passphrase) {
      const key = await readArmoredSecretKey(armored, passphrase);
      return store(key, null);
    },

    async current() {
      const fingerprint = await currentFingerprint();
      const record = fingerprint ? await loadRecord(fingerprint) : null;
      return record ? view(await parse(record), record) : null;
    },

    async exportPublic() {
      const { key, record } = await currentOrThrow();
      // Once revoked, the only public key worth sharing is the revoked one.
      return record.revokedPublicKey ?? key.toPublic().armor();
    },

    async revoke() {
      const { key, record, fingerprint } = await currentOrThrow();
      const now = clock();
      const revoked =
        record.revokedPublicKey ?? (await revokedPublicKey(key, record.revocationCertificate, now));
      // The secret stays unrevoked in the vault on purpose: it must still decrypt replies to
      // requests sent before the revocation; signing with it is refused via revokedAt.
      const updated: OwnKeyRecord = {
        ...record,
        revokedAt: record.revokedAt ?? now.toISOString(),
        revokedPublicKey: revoked,
      };
      await writeRecord(records, COLLECTIONS.ownKeys, fingerprint, updated);
      return { revokedPublicKey: revoked, ownKey: await view(key, updated) };
    },

    async signingKey() {
      const { key, record } = await currentOrThrow();
      if (record.revokedAt) throw pgpError('pgp/key-revoked', { whose: 'own' });
      const info = await describeKey(key, clock());
      if (info.validity === 'revoked') throw pgpError('pgp/key-revoked', { whose: 'own' });
      if (info.validity === 'expired') throw pgpError('pgp/key-expired', { whose: 'own' });
      return key;
    },

    async allSecretKeys() {
      const keys: PrivateKey[] = [];
      for (const id of await records.list(COLLECTIONS.ownKeys)) {
        const record = await loadRecord(id);
        if (record) keys.push(await parse(record));
      }
      return keys;
    },
  };
}
