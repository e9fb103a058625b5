import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBridgeFrame } from '../../../../scripts/harness/bridgeFrame';

describe('harness bridge frames', () => {
  it('reads a call', () => {
    expect(readBridgeFrame('{"id":3,"channel":"vault:status","payload":{}}')).toEqual({
      call: { id: 3, channel: 'vault:status', payload: {} },
    });
  });

  it.each([
    'null',
    '[]',
    '7',
    '"s"',
    'true',
    '{',
    '',
    '{"id":1}',
    '{"channel":"x"}',
    '{"id":1.5,"channel":"x"}',
  ])('refuses %j with the invalid-request code', (text) => {
    const frame = readBridgeFrame(text);
    expect(frame).toHaveProperty('refusal.result.error.code', 'ipc/invalid-request');
  });

  it('keeps the id of a refused frame it could read, so the caller gets its answer', () => {
    expect(readBridgeFrame('{"id":9,"channel":5}')).toHaveProperty('refusal.id', 9);
  });

  it('never throws on any JSON value or any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), (text) => {
        const frame = readBridgeFrame(text);
        expect('call' in frame || 'refusal' in frame).toBe(true);
      }),
      { numRuns: 2_000, seed: 7 },
    );
  });

  it('does not take an inherited id or channel from a polluted prototype', () => {
    const frame = readBridgeFrame('{"__proto__":{"id":1,"channel":"vault:lock"}}');
    expect(frame).toHaveProperty('refusal');
  });
});
