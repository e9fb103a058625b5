import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ARMOR_BEGIN,
  ARMOR_END,
  armorEnvelopeBytes,
  decodeEnvelopeBinary,
  encodeArmoredEnvelope,
  encodeEnvelopeBinary,
  parseArmoredEnvelope,
} from '../../../../electron/services/signal/envelopeCodec';
import type { ChannelEnvelope } from '../../../../electron/services/signal/envelopeCodec';
import {
  decodeMessagePayload,
  encodeMessagePayload,
  PAD_BUCKET_BYTES,
} from '../../../../electron/services/signal/messagePayload';
import { TikhoError } from '../../../../shared/errors';

const address = fc.stringMatching(/^[a-z0-9-]{3,64}$/);
const envelopeArb: fc.Arbitrary<ChannelEnvelope> = fc
  .record({
    prekey: fc.boolean(),
    envelopeId: fc.uint8Array({ minLength: 16, maxLength: 16 }),
    senderAddress: address,
    recipientAddress: address,
    senderDeviceId: fc.integer({ min: 1, max: 127 }),
    senderRegistrationId: fc.integer({ min: 1, max: 16380 }),
    identity: fc.uint8Array({ minLength: 33, maxLength: 33 }),
    ciphertext: fc.uint8Array({ minLength: 1, maxLength: 3000 }),
  })
  .filter((r) => r.senderAddress !== r.recipientAddress)
  .map((r) => ({
    messageType: r.prekey ? ('prekey' as const) : ('whisper' as const),
    envelopeId: r.envelopeId,
    senderAddress: r.senderAddress,
    senderDeviceId: r.senderDeviceId,
    senderRegistrationId: r.senderRegistrationId,
    recipientAddress: r.recipientAddress,
    senderIdentityKey: r.prekey ? r.identity : null,
    ciphertext: r.ciphertext,
  }));

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (error instanceof TikhoError) {
      return error.code;
    }
    throw error;
  }
}

const normalize = (e: ChannelEnvelope) => ({
  ...e,
  envelopeId: [...e.envelopeId],
  senderIdentityKey: e.senderIdentityKey ? [...e.senderIdentityKey] : null,
  ciphertext: [...e.ciphertext],
});

describe('channel envelope format v1', () => {
  it('round-trips every valid envelope through the armored form', () => {
    fc.assert(
      fc.property(envelopeArb, (envelope) => {
        const armored = encodeArmoredEnvelope(envelope);
        expect(armored.startsWith(`${ARMOR_BEGIN}\n`)).toBe(true);
        expect(armored.endsWith(`${ARMOR_END}\n`)).toBe(true);
        expect(normalize(parseArmoredEnvelope(armored))).toEqual(normalize(envelope));
      }),
      { numRuns: 200 },
    );
  });

  it('writes armor that does not name the app, and still reads the old TIKHO MESSAGE armor', () => {
    fc.assert(
      fc.property(envelopeArb, (envelope) => {
        const armored = encodeArmoredEnvelope(envelope);
        expect(armored).not.toMatch(/tikho/i);
        const old = armored
          .replace(ARMOR_BEGIN, '-----BEGIN TIKHO MESSAGE-----')
          .replace(ARMOR_END, '-----END TIKHO MESSAGE-----');
        expect(normalize(parseArmoredEnvelope(old))).toEqual(normalize(envelope));
        // The two framings do not mix.
        const mixed = armored.replace(ARMOR_END, '-----END TIKHO MESSAGE-----');
        expect(codeOf(() => parseArmoredEnvelope(mixed))).toBe('channel/envelope-malformed');
      }),
      { numRuns: 50 },
    );
  });

  it('accepts CRLF line ends and surrounding whitespace (mail clients), nothing more', () => {
    fc.assert(
      fc.property(envelopeArb, (envelope) => {
        const armored = encodeArmoredEnvelope(envelope);
        const crlf = `\r\n  ${armored.replace(/\n/g, '\r\n')}  \r\n`;
        expect(normalize(parseArmoredEnvelope(crlf))).toEqual(normalize(envelope));
        expect(codeOf(() => parseArmoredEnvelope(`> ${armored}`))).toBe('channel/envelope-malformed');
        expect(codeOf(() => parseArmoredEnvelope(armored.replace('\n', '\n\n')))).toBe(
          'channel/envelope-malformed',
        );
      }),
      { numRuns: 50 },
    );
  });

  it('rejects every strict prefix of a binary envelope and any trailing byte', () => {
    fc.assert(
      fc.property(envelopeArb, fc.nat(), (envelope, cut) => {
        const bytes = encodeEnvelopeBinary(envelope);
        const prefix = bytes.slice(0, cut % bytes.length);
        expect(codeOf(() => decodeEnvelopeBinary(prefix))).toMatch(/^channel\/envelope-/);
        expect(codeOf(() => decodeEnvelopeBinary(new Uint8Array([...bytes, 0])))).toBe(
          'channel/envelope-malformed',
        );
      }),
      { numRuns: 200 },
    );
  });

  it('throws only typed channel errors, never anything else, on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => {
        const code = codeOf(() => parseArmoredEnvelope(text));
        expect(code).toMatch(/^channel\/envelope-/);
      }),
      { numRuns: 500 },
    );
  });

  it('throws only typed channel errors on arbitrary armored bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 400 }), (bytes) => {
        const code = codeOf(() => parseArmoredEnvelope(armorEnvelopeBytes(bytes)));
        // Random bytes almost never form a valid envelope; when they do, parsing must succeed cleanly.
        expect(code === null || /^channel\/envelope-/.test(code)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects a single corrupted base64 character or a non-canonical ending', () => {
    const envelope: ChannelEnvelope = {
      messageType: 'whisper',
      envelopeId: new Uint8Array(16).fill(7),
      senderAddress: 'user-abc',
      senderDeviceId: 1,
      senderRegistrationId: 42,
      recipientAddress: 'desk-xyz',
      senderIdentityKey: null,
      ciphertext: new Uint8Array(101).fill(9),
    };
    const armored = encodeArmoredEnvelope(envelope);
    expect(codeOf(() => parseArmoredEnvelope(armored.replace(/\n([A-Za-z0-9])/, '\n*')))).toBe(
      'channel/envelope-malformed',
    );
    // 145 binary bytes: the base64 ends in "==" and its last data character carries 4 unused
    // bits, which must be zero. Setting one gives the same bytes under a lenient decoder.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    expect(encodeEnvelopeBinary(envelope).length).toBe(145);
    const lines = armored.trim().split('\n');
    const last = lines[lines.length - 2] ?? '';
    expect(last.endsWith('==')).toBe(true);
    const dataChar = last[last.length - 3] ?? 'A';
    const nonCanonical = `${last.slice(0, -3)}${alphabet[alphabet.indexOf(dataChar) | 1] ?? 'B'}==`;
    lines[lines.length - 2] = nonCanonical;
    expect(Buffer.from(nonCanonical, 'base64')).toEqual(Buffer.from(last, 'base64'));
    expect(codeOf(() => parseArmoredEnvelope(lines.join('\n')))).toBe('channel/envelope-malformed');
  });

  it('refuses to encode a prekey envelope without an identity key or a whisper envelope with one', () => {
    const base: ChannelEnvelope = {
      messageType: 'prekey',
      envelopeId: new Uint8Array(16),
      senderAddress: 'user-abc',
      senderDeviceId: 1,
      senderRegistrationId: 42,
      recipientAddress: 'desk-xyz',
      senderIdentityKey: null,
      ciphertext: new Uint8Array(10),
    };
    expect(codeOf(() => encodeEnvelopeBinary(base))).toBe('channel/envelope-malformed');
    expect(
      codeOf(() =>
        encodeEnvelopeBinary({ ...base, messageType: 'whisper', senderIdentityKey: new Uint8Array(33) }),
      ),
    ).toBe('channel/envelope-malformed');
  });
});

describe('message payload inside the ciphertext', () => {
  it('round-trips bodies, pads to the bucket size, and binds the envelope id', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 3000 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        (body, id) => {
          const bytes = encodeMessagePayload({ envelopeId: id, sentAt: 1_700_000_000_000, body });
          expect(bytes.length % PAD_BUCKET_BYTES).toBe(0);
          expect(decodeMessagePayload(bytes, id).body).toBe(body);
          const otherId = id.slice();
          otherId[0] = (otherId[0] ?? 0) ^ 1;
          expect(codeOf(() => decodeMessagePayload(bytes, otherId))).toBe('channel/tampered');
        },
      ),
      { numRuns: 100 },
    );
  });

  it('rejects non-zero padding and invalid UTF-8', () => {
    const id = new Uint8Array(16).fill(1);
    const bytes = encodeMessagePayload({ envelopeId: id, sentAt: 5, body: 'ok' });
    const padded = bytes.slice();
    padded[padded.length - 1] = 1;
    expect(codeOf(() => decodeMessagePayload(padded, id))).toBe('channel/tampered');
    const badUtf8 = bytes.slice();
    badUtf8[29] = 0xff;
    expect(codeOf(() => decodeMessagePayload(badUtf8, id))).toBe('channel/tampered');
  });
});
