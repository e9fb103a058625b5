import {
  armor,
  enums,
  PacketList,
  PublicKeyPacket,
  PublicSubkeyPacket,
  revokeKey,
  SignaturePacket,
  unarmor,
  UserAttributePacket,
  UserIDPacket,
  type PublicKey,
} from 'openpgp';
import { verificationDate } from './limits';
import { FULL_CONFIG, PGP_CONFIG } from './openpgpConfig';
import { assertNoSecretKeyPackets } from './packetScan';
import { pgpError } from './pgpError';

/**
 * Key revocations that reach the user from outside: a bare revocation certificate (what `gpg
 * --gen-revoke`, `rnpkeys --gen-revocation` and openpgp make: one key-revocation signature in a
 * public key block, RFC 9580 §5.2.1 type 0x20), or a whole certificate that carries one (a
 * re-issued card, `sq revoke`). Each signature is checked against the key we already hold, so
 * nobody but the key's owner can revoke it.
 */

export type RevocationReason = 'compromised' | 'superseded' | 'retired' | 'unspecified';

export interface AppliedRevocation {
  /** The stored key with the revocation merged in. */
  key: PublicKey;
  /** Creation time of the revocation signature. */
  revokedAt: Date;
  reason: RevocationReason;
}

/** What a public certificate may hold (RFC 9580 §10.1); anything else fails the parse. */
const CERTIFICATE_PACKETS = {
  [enums.packet.publicKey]: PublicKeyPacket,
  [enums.packet.publicSubkey]: PublicSubkeyPacket,
  [enums.packet.userID]: UserIDPacket,
  [enums.packet.userAttribute]: UserAttributePacket,
  [enums.packet.signature]: SignaturePacket,
};

/** Key-revocation signatures in an armored public key block; empty if it holds none. */
export async function revocationSignatures(armored: string): Promise<SignaturePacket[]> {
  await assertNoSecretKeyPackets(armored);
  let data: Uint8Array;
  try {
    data = (await unarmor(armored, FULL_CONFIG)).data as unknown as Uint8Array;
  } catch {
    throw pgpError('pgp/malformed-armor');
  }
  let packets: Awaited<ReturnType<typeof PacketList.fromBinary>>;
  try {
    packets = await PacketList.fromBinary(
      data,
      CERTIFICATE_PACKETS as unknown as Parameters<typeof PacketList.fromBinary>[1],
      FULL_CONFIG,
    );
  } catch {
    throw pgpError('pgp/malformed-key');
  }
  return [...packets].filter(
    (packet): packet is SignaturePacket =>
      packet instanceof SignaturePacket && packet.signatureType === enums.signature.keyRevocation,
  );
}

/** Applies the first of `signatures` that is a valid revocation of `key`; null if none is. */
export async function applyRevocation(
  key: PublicKey,
  signatures: SignaturePacket[],
  now: Date,
): Promise<AppliedRevocation | null> {
  for (const signature of signatures) {
    if (signature.issuerKeyID && !signature.issuerKeyID.equals(key.getKeyID())) continue;
    const list = new PacketList<SignaturePacket>();
    list.push(signature);
    try {
      const revoked = await revokeKey({
        key,
        revocationCertificate: armor(
          enums.armor.publicKey,
          list.write(),
          undefined,
          undefined,
          undefined,
          false,
          FULL_CONFIG,
        ),
        date: verificationDate(now),
        format: 'object',
        config: PGP_CONFIG,
      });
      return { key: revoked.publicKey, revokedAt: signature.created ?? now, reason: reasonOf(signature) };
    } catch {
      // Not this key's, or not a valid signature: try the next one.
    }
  }
  return null;
}

function reasonOf(signature: SignaturePacket): RevocationReason {
  switch (signature.reasonForRevocationFlag) {
    case enums.reasonForRevocation.keyCompromised:
      return 'compromised';
    case enums.reasonForRevocation.keySuperseded:
      return 'superseded';
    case enums.reasonForRevocation.keyRetired:
      return 'retired';
    default:
      return 'unspecified';
  }
}
