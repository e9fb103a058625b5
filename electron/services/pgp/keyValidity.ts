import type { Key } from 'openpgp';
import { pgpError } from './pgpError';

export type KeyValidity = 'valid' | 'expired' | 'revoked';

/**
 * Revocation and expiry of a primary key at `now` (RFC 9580 §5.2.3.18 key expiration time,
 * §5.2.1 key revocation signature). openpgp reports both only as a failure to find a usable
 * subkey; we check first so the user gets the specific message.
 */
export async function keyValidity(key: Key, now: Date): Promise<KeyValidity> {
  if (await key.isRevoked(undefined, undefined, now)) return 'revoked';
  const expiresAt = await key.getExpirationTime();
  if (expiresAt instanceof Date && expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'valid';
}

export async function assertKeyUsable(key: Key, now: Date, whose: 'own' | 'team'): Promise<void> {
  const validity = await keyValidity(key, now);
  if (validity === 'revoked') throw pgpError('pgp/key-revoked', { whose });
  if (validity === 'expired') throw pgpError('pgp/key-expired', { whose });
}
