import { describe, expect, it } from 'vitest';
import { createSingleFlight } from '../../../../electron/services/common';

describe('single flight', () => {
  it('joins a call made while a run is in progress, then starts afresh', async () => {
    const flight = createSingleFlight<number>();
    let runs = 0;
    let release: () => void = () => undefined;
    const task = (): Promise<number> =>
      new Promise((resolve) => {
        runs++;
        release = () => resolve(runs);
      });
    const first = flight.run(task);
    const second = flight.run(task);
    expect(second).toBe(first);
    await Promise.resolve();
    expect(flight.current()).toBe(first);
    release();
    expect(await first).toBe(1);
    await Promise.resolve();
    expect(flight.current()).toBeNull();
    const third = flight.run(task);
    await Promise.resolve();
    release();
    expect(await third).toBe(2);
  });

  it('a failed run does not stay current, and the next call runs again', async () => {
    const flight = createSingleFlight<string>();
    await expect(flight.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await Promise.resolve();
    expect(flight.current()).toBeNull();
    await expect(flight.run(() => Promise.resolve('ok'))).resolves.toBe('ok');
  });
});
