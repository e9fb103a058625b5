import { describe, expect, it } from 'vitest';
import { createSerialQueue } from '../../../shared/serialQueue';

/** A promise the test settles by hand, so overlap is decided by the test, not by timing. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('serial queue', () => {
  it('starts each task only after the one before it settled, in queue order', async () => {
    const queue = createSerialQueue();
    const log: string[] = [];
    const first = gate();
    const a = queue.run(async () => {
      log.push('a start');
      await first.promise;
      log.push('a end');
      return 'a';
    });
    const b = queue.run(() => {
      log.push('b start');
      return Promise.resolve('b');
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(log).toEqual(['a start']);
    first.open();
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(log).toEqual(['a start', 'a end', 'b start']);
  });

  it('gives a failed task its error and still runs the next task', async () => {
    const queue = createSerialQueue();
    const failed = queue.run(() => Promise.reject(new Error('boom')));
    const next = queue.run(() => Promise.resolve(42));
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe(42);
  });

  it('runs the next task when a task throws synchronously', async () => {
    const queue = createSerialQueue();
    const failed = queue.run((): Promise<number> => {
      throw new Error('sync');
    });
    await expect(failed).rejects.toThrow('sync');
    await expect(queue.run(() => Promise.resolve('after'))).resolves.toBe('after');
  });

  it('idle waits for every queued task and does not reject after a failure', async () => {
    const queue = createSerialQueue();
    const held = gate();
    let done = false;
    void queue.run(() => Promise.reject(new Error('first'))).catch(() => undefined);
    void queue.run(async () => {
      await held.promise;
      done = true;
    });
    const idle = queue.idle();
    held.open();
    await expect(idle).resolves.toBeUndefined();
    expect(done).toBe(true);
  });
});
