import type { DependencyList } from 'react';
import { useCallback, useEffect, useState } from 'react';
import { UiError } from '../../ipc/tikho';

/**
 * Loads data for a view and reloads on demand. State is only set from the promise's callbacks,
 * never synchronously inside the effect (react-hooks/set-state-in-effect), and a result that
 * arrives after the inputs changed is dropped.
 */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: DependencyList,
): { data: T | null; error: UiError | null; reload: () => void } {
  const [state, setState] = useState<{ data: T | null; error: UiError | null }>({ data: null, error: null });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ data, error: null }),
      (caught: unknown) =>
        live &&
        setState((previous) => ({
          data: previous.data,
          error: caught instanceof UiError ? caught : new UiError({ code: 'ipc/unexpected', params: {} }),
        })),
    );
    return () => {
      live = false;
    };
    // The caller's deps decide when to load again; `load` is a fresh closure every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { ...state, reload };
}
