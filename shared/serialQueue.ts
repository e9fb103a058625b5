/**
 * Tasks run one at a time, in the order they were queued. A read-modify-write (a record, a
 * ratchet, the vault lifecycle, a note's autosave) that overlapped another would lose one of the
 * two writes. Used by main's services and by the renderer.
 */
export interface SerialQueue {
  /** Runs `task` after every task queued before it has settled; its own result or error comes back. */
  readonly run: <T>(task: () => Promise<T>) => Promise<T>;
  /** Resolves once every task queued so far has settled; never rejects. */
  readonly idle: () => Promise<void>;
}

export function createSerialQueue(): SerialQueue {
  let tail: Promise<void> = Promise.resolve();
  return {
    run: <T>(task: () => Promise<T>): Promise<T> => {
      // A failed task must not poison the next: both branches start the next task.
      const result = tail.then(task, task);
      tail = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },
    idle: () => tail,
  };
}
