import { describe, expect, it } from 'vitest';
import { vaultChannels } from '../../../../shared/ipc/vault';

/** The renderer is untrusted: main parses the suggestion's language before picking a list. */
const request = vaultChannels['vault:suggestPassphrase'].request;

describe('vault:suggestPassphrase request', () => {
  it.each([{}, { language: 'en' }, { language: 'ru' }, { language: 'uk' }])('accepts %j', (payload) => {
    expect(request.safeParse(payload).success).toBe(true);
  });

  it.each([{ language: 'de' }, { language: 'RU' }, { language: 1 }, { language: 'ru', words: 3 }])(
    'refuses %j',
    (payload) => {
      expect(request.safeParse(payload).success).toBe(false);
    },
  );
});
