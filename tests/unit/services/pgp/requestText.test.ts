import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import {
  buildRequestPlaintext,
  paddedSize,
  parseRequestPlaintext,
} from '../../../../electron/services/pgp/requestText';
import { fingerprintGroups } from '../../../../electron/services/pgp/fingerprint';
import { REQUEST_CATEGORIES } from '../../../../shared/contact/categories';
import { allFormI18nKeys, fieldsForCategory, requestFieldsSchema } from '../../../../shared/contact/forms';
import type { RequestPayload } from '../../../../shared/contact/request';

const payload = (text: string): RequestPayload => ({
  format: 'tikho-request',
  version: 1,
  category: 'other',
  fields: { whatHappened: 'x', urgency: 'low', replyVia: 'email' },
  text,
  createdAt: '2026-01-01T00:00:00.000Z',
});

describe('request plaintext', () => {
  it('pads to power-of-two buckets up to 64 KiB, then 64 KiB steps', () => {
    expect([1, 1024, 1025, 4000, 65536, 65537, 200_000].map(paddedSize)).toEqual([
      1024, 1024, 2048, 4096, 65536, 131072, 262144,
    ]);
  });

  fcTest.prop([fc.string({ maxLength: 3000 })], { numRuns: 50 })(
    'round-trips any free text, even one imitating the markers',
    (text) => {
      const tricky = `${text}\n-----BEGIN TIKHO REQUEST JSON-----\n{"format":"forged"}\n-----END TIKHO REQUEST JSON-----\n`;
      const bytes = buildRequestPlaintext(payload(tricky), (k) => k);
      expect(bytes.length).toBe(paddedSize(bytes.length));
      expect(parseRequestPlaintext(bytes).text).toBe(tricky);
    },
  );
});

describe('forms', () => {
  it('every category has unique field keys and a strict schema', () => {
    for (const category of REQUEST_CATEGORIES) {
      const keys = fieldsForCategory(category).map((f) => f.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(
        requestFieldsSchema(category).safeParse({
          whatHappened: 'x',
          urgency: 'low',
          replyVia: 'email',
          nope: 'y',
        }).success,
      ).toBe(false);
    }
  });

  it('lists the i18n keys the UI must translate', () => {
    const keys = allFormI18nKeys();
    expect(keys).toContain('contact.category.labour-dispute');
    expect(keys).toContain('contact.field.documentsHeldByEmployer');
    expect(keys).toContain('contact.option.prisonerHelpKind.parcels');
  });

  it('shows fingerprints in ten groups of four', () => {
    expect(fingerprintGroups('0123 4567 89ab cdef 0123 4567 89AB CDEF 0123 4567')).toEqual([
      '0123',
      '4567',
      '89AB',
      'CDEF',
      '0123',
      '4567',
      '89AB',
      'CDEF',
      '0123',
      '4567',
    ]);
  });
});
