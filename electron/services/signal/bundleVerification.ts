import { KEMPublicKey, PreKeyBundle, PublicKey } from '@signalapp/libsignal-client';
import type { ChannelBundle } from '../../../shared/channel/bundleSchema';
import { channelBundleSchema } from '../../../shared/channel/bundleSchema';
import { fromBase64Strict } from './bytes';
import { channelError } from './channelErrors';

export interface VerifiedBundle {
  bundle: ChannelBundle;
  identityKey: PublicKey;
  preKeyBundle: PreKeyBundle;
}

/**
 * Checks a desk's bundle before any session state is touched: schema, key encodings, both
 * pre-key signatures against the bundle's identity key, and the validity window. The card's
 * own PGP signature is checked by the pgp service before this is called; this check is what
 * binds the pre-keys to the identity whose safety number the user verifies.
 */
export function verifyChannelBundle(input: unknown, now: number): VerifiedBundle {
  const parsed = channelBundleSchema.safeParse(input);
  if (!parsed.success) {
    throw channelError('channel/bundle-malformed');
  }
  const bundle = parsed.data;
  const identityBytes = fromBase64Strict(bundle.identityKey);
  const signedBytes = fromBase64Strict(bundle.signedPreKey.publicKey);
  const signedSignature = fromBase64Strict(bundle.signedPreKey.signature);
  const kyberBytes = fromBase64Strict(bundle.kyberPreKey.publicKey);
  const kyberSignature = fromBase64Strict(bundle.kyberPreKey.signature);
  if (!identityBytes || !signedBytes || !signedSignature || !kyberBytes || !kyberSignature) {
    throw channelError('channel/bundle-malformed');
  }
  let identityKey: PublicKey;
  let signedPreKey: PublicKey;
  let kyberPreKey: KEMPublicKey;
  try {
    identityKey = PublicKey.deserialize(identityBytes);
    signedPreKey = PublicKey.deserialize(signedBytes);
    kyberPreKey = KEMPublicKey.deserialize(kyberBytes);
  } catch {
    throw channelError('channel/bundle-malformed');
  }
  // Verify over the exact bytes published, then over the re-serialized keys libsignal will use.
  const signaturesValid =
    identityKey.verify(signedBytes, signedSignature) &&
    identityKey.verify(kyberBytes, kyberSignature) &&
    identityKey.verify(signedPreKey.serialize(), signedSignature) &&
    identityKey.verify(kyberPreKey.serialize(), kyberSignature);
  if (!signaturesValid) {
    throw channelError('channel/bundle-bad-signature');
  }
  const issuedAt = Date.parse(bundle.issuedAt);
  const expiresAt = Date.parse(bundle.expiresAt);
  if (!(issuedAt < expiresAt)) {
    throw channelError('channel/bundle-malformed');
  }
  if (now > expiresAt) {
    throw channelError('channel/bundle-expired', { expiresAt: bundle.expiresAt });
  }
  let preKeyBundle: PreKeyBundle;
  try {
    // Refuses pre-key ids that are not 32-bit (the schema caps them only from below).
    preKeyBundle = PreKeyBundle.new(
      bundle.registrationId,
      bundle.deviceId,
      null,
      null,
      bundle.signedPreKey.id,
      signedPreKey,
      signedSignature,
      identityKey,
      bundle.kyberPreKey.id,
      kyberPreKey,
      kyberSignature,
    );
  } catch {
    throw channelError('channel/bundle-malformed');
  }
  return { bundle, identityKey, preKeyBundle };
}
