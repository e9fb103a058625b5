import { useCallback, useState } from 'react';
import { UiError } from '../ipc/tikho';

/** Runs one async action at a time and keeps its translated error; the UI shows progress meanwhile. */
export function useAction(): {
  busy: boolean;
  error: UiError | null;
  run: <T>(action: () => Promise<T>) => Promise<T | undefined>;
  clearError: () => void;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const run = useCallback(async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (caught: unknown) {
      setError(caught instanceof UiError ? caught : new UiError({ code: 'ipc/unexpected', params: {} }));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, clearError: useCallback(() => setError(null), []) };
}
