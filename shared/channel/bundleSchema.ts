import { z } from 'zod';

/**
 * The support desk's libsignal pre-key bundle as published inside its signed contact card
 * (card format v2, docs/contact-card-format.md). Binary fields are standard base64.
 * No one-time EC pre-key: copy-paste transport cannot hand out one key per user, so sessions
 * start from the signed pre-key plus the Kyber last-resort pre-key (PQXDH).
 */
const b64 = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64');

export const channelBundleSchema = z
  .object({
    version: z.literal(1),
    registrationId: z.number().int().min(1).max(16380),
    deviceId: z.number().int().min(1).max(127),
    /** A stable, non-secret name for the desk's address in libsignal stores. */
    address: z.string().regex(/^[a-z0-9-]{3,64}$/),
    identityKey: b64(100),
    signedPreKey: z
      .object({ id: z.number().int().min(0), publicKey: b64(100), signature: b64(200) })
      .strict(),
    kyberPreKey: z
      .object({ id: z.number().int().min(0), publicKey: b64(3000), signature: b64(200) })
      .strict(),
    issuedAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
  })
  .strict();
export type ChannelBundle = z.infer<typeof channelBundleSchema>;
