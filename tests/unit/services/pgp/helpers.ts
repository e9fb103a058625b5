import { createMessage, encrypt, LiteralDataPacket, readKey, readPrivateKey, sign } from 'openpgp';
import { PGP_CONFIG } from '../../../../electron/services/pgp/openpgpConfig';

/**
 * The error code a promise rejects with, or 'no error'. Never carries the resolved value: for
 * operations that resolve to large buffers, `expect(p).rejects` would pretty-print a buffer that
 * arrived by mistake, and printing 24 MiB exhausts the heap instead of failing the test.
 */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code ?? `untyped: ${String(error)}`;
  }
  return 'no error';
}

/** A reply as a team's own OpenPGP tool would make it: encrypted to `to`, optionally signed. */
export async function teamReply(options: {
  text: string;
  to: string[];
  signerSecret?: string;
  /** Change the text after signing, before encrypting: a signature that no longer verifies. */
  breakSignature?: boolean;
}): Promise<string> {
  const encryptionKeys = await Promise.all(options.to.map((armoredKey) => readKey({ armoredKey })));
  const signer = options.signerSecret
    ? await readPrivateKey({ armoredKey: options.signerSecret })
    : undefined;
  if (options.breakSignature && signer) {
    // Sign the true text, then swap the literal data under the finished signature: the
    // ciphertext is intact (MDC fine), only the signature no longer matches (RFC 9580 §5.2.4).
    const signed = await sign({
      message: await createMessage({ binary: new TextEncoder().encode(options.text) }),
      signingKeys: signer,
      format: 'object',
      config: PGP_CONFIG,
    });
    for (const packet of signed.packets) {
      // setBytes is public in openpgp's JavaScript but marked private in its .d.ts.
      if (packet instanceof LiteralDataPacket) {
        (packet as unknown as { setBytes(bytes: Uint8Array, format: string): void }).setBytes(
          new TextEncoder().encode(`${options.text}!`),
          'binary',
        );
      }
    }
    return encrypt({ message: signed, encryptionKeys, config: PGP_CONFIG, format: 'armored' });
  }
  return encrypt({
    message: await createMessage({ binary: new TextEncoder().encode(options.text) }),
    encryptionKeys,
    ...(signer ? { signingKeys: signer } : {}),
    config: PGP_CONFIG,
    format: 'armored',
  });
}

export const identityLabel = (key: string): string => key;
