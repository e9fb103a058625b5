/**
 * At most one run of a task at a time: a call while one is running joins it and gets its result
 * instead of starting a second (a panic pressed twice, a lock requested by idle and by the
 * shortcut at once). Unlike a serial queue, nothing waits to run after it.
 */
export interface SingleFlight<T> {
  /** The running task's promise, or `task()` started now when none is running. */
  readonly run: (task: () => Promise<T>) => Promise<T>;
  /** The run in progress, or null. */
  readonly current: () => Promise<T> | null;
}

export function createSingleFlight<T>(): SingleFlight<T> {
  let current: Promise<T> | null = null;
  return {
    run(task) {
      if (current) return current;
      // Started synchronously, as a direct call would be: a lock must bump the vault's lock epoch
      // before the caller's next line runs.
      let started: Promise<T>;
      try {
        started = task();
      } catch (err) {
        started = Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
      current = started;
      const clear = (): void => {
        if (current === started) current = null;
      };
      void started.then(clear, clear);
      return started;
    },
    current: () => current,
  };
}
