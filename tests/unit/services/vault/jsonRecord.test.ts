import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { attachmentInfoSchema } from '../../../../electron/services/vault/attachmentStore';
import {
  encodeJsonRecord,
  parseJsonRecord,
  readJsonRecord,
} from '../../../../electron/services/vault/jsonRecord';
import { createMemoryRecordStore } from '../../../../electron/services/vault/recordStore';

/** The one reader of the vault's JSON records: damaged means null, whatever the damage. */
describe('JSON records', () => {
  const schema = z.object({ n: z.number() });

  it('reads back what was written', () => {
    expect(parseJsonRecord(encodeJsonRecord({ n: 3 }), schema)).toEqual({ n: 3 });
  });

  it('broken UTF-8, broken JSON and the wrong shape all read as damaged, never throw', () => {
    const cases = [
      Uint8Array.from([0x7b, 0x22, 0xff, 0x22, 0x7d]),
      new TextEncoder().encode('{"n": 3'),
      new TextEncoder().encode('{"n": "3"}'),
      new TextEncoder().encode('null'),
      new Uint8Array(0),
    ];
    for (const bytes of cases) expect(parseJsonRecord(bytes, schema)).toBeNull();
  });

  it('an attachment meta record of the wrong shape is damaged, not passed on as an attachment', () => {
    const good = { id: 'a', noteId: 'n', name: 'scan.pdf', mime: 'application/pdf', size: 10, createdAt: 1 };
    expect(parseJsonRecord(encodeJsonRecord(good), attachmentInfoSchema)).toEqual(good);
    for (const bad of [{ ...good, size: -1 }, { ...good, size: '10' }, { ...good, noteId: '' }, { id: 'a' }])
      expect(parseJsonRecord(encodeJsonRecord(bad), attachmentInfoSchema)).toBeNull();
  });

  it('reading from the store: none is null, sound is the value, damaged is what the owner decides', async () => {
    const records = createMemoryRecordStore();
    await records.write('things', 'good', encodeJsonRecord({ n: 1 }));
    await records.write('things', 'bad', new TextEncoder().encode('{"n": "1"}'));
    const asDefault = () => ({ n: 0 });
    expect(await readJsonRecord(records, 'things', 'none', schema, asDefault)).toBeNull();
    expect(await readJsonRecord(records, 'things', 'good', schema, asDefault)).toEqual({ n: 1 });
    expect(await readJsonRecord(records, 'things', 'bad', schema, asDefault)).toEqual({ n: 0 });
    await expect(
      readJsonRecord(records, 'things', 'bad', schema, () => {
        throw new Error('damaged');
      }),
    ).rejects.toThrow('damaged');
  });
});
