import { describe, expect, it } from 'vitest';
import type { StateEntries } from '../../../../electron/services/signal/channelState';
import { stateKey } from '../../../../electron/services/signal/channelState';
import { beginRecordTransaction } from '../../../../electron/services/signal/recordTransaction';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (data: Uint8Array | null | undefined): string =>
  new TextDecoder().decode(data ?? new Uint8Array());

function recorder(): { persisted: StateEntries[]; persist: (next: StateEntries) => Promise<void> } {
  const persisted: StateEntries[] = [];
  return { persisted, persist: (next) => Promise.resolve(void persisted.push(next)) };
}

describe('record transaction', () => {
  it('shows its own pending writes and removals to reads and lists, and nothing to the state until commit', async () => {
    const base: StateEntries = new Map([
      [stateKey('c', 'kept'), bytes('old')],
      [stateKey('c', 'gone'), bytes('x')],
      [stateKey('d', 'other'), bytes('y')],
    ]);
    const { persisted, persist } = recorder();
    const tx = beginRecordTransaction(base, persist);
    tx.write('c', 'kept', bytes('new'));
    tx.write('c', 'added', bytes('a'));
    tx.remove('c', 'gone');
    expect(text(await tx.read('c', 'kept'))).toBe('new');
    expect(await tx.read('c', 'gone')).toBeNull();
    expect((await tx.list('c')).sort()).toEqual(['added', 'kept']);
    expect(text(base.get(stateKey('c', 'kept')))).toBe('old');
    expect(persisted).toHaveLength(0);
    await tx.commit();
    expect(persisted).toHaveLength(1);
    const next: StateEntries = persisted[0] ?? new Map<string, Uint8Array>();
    expect([...next.keys()].sort()).toEqual(
      [stateKey('c', 'added'), stateKey('c', 'kept'), stateKey('d', 'other')].sort(),
    );
    expect(text(next.get(stateKey('c', 'kept')))).toBe('new');
  });

  it('copies written bytes so a caller mutating its buffer afterwards changes nothing', async () => {
    const { persisted, persist } = recorder();
    const tx = beginRecordTransaction(new Map(), persist);
    const data = bytes('abc');
    tx.write('c', 'id', data);
    data[0] = 0;
    await tx.commit();
    expect(text(persisted[0]?.get(stateKey('c', 'id')))).toBe('abc');
  });

  it('an operation that only read persists nothing (no epoch rotation), unless the state must be moved', async () => {
    const quiet = recorder();
    const readOnly = beginRecordTransaction(new Map([[stateKey('c', 'a'), bytes('1')]]), quiet.persist);
    await readOnly.read('c', 'a');
    await readOnly.commit();
    expect(quiet.persisted).toHaveLength(0);
    const moving = recorder();
    await beginRecordTransaction(new Map([[stateKey('c', 'a'), bytes('1')]]), moving.persist, true).commit();
    expect(moving.persisted).toHaveLength(1);
  });

  it('refuses to be used after commit', async () => {
    const tx = beginRecordTransaction(new Map(), recorder().persist);
    await tx.commit();
    expect(() => tx.write('c', 'id', bytes('x'))).toThrow();
    await expect(tx.commit()).rejects.toThrow();
  });
});
