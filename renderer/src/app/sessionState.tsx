import type { ReactElement, ReactNode } from 'react';
import { createContext, useCallback, useContext, useState } from 'react';

/**
 * Screen state that outlives a change of section but not a lock: the Shell owns the store, and
 * the lock gate unmounts the Shell, so everything kept here is dropped the moment the vault locks
 * (it never goes to disk or to main). Used for what a person would hate to lose by looking
 * elsewhere for a moment, such as a half-written support request.
 */
const Store = createContext<Map<string, unknown> | null>(null);

export function SessionStateProvider({ children }: { children: ReactNode }): ReactElement {
  const [store] = useState(() => new Map<string, unknown>());
  return <Store.Provider value={store}>{children}</Store.Provider>;
}

type Update<T> = T | ((previous: T) => T);

/** Like useState, but the value is kept in the Shell's store under `key` while the vault is unlocked. */
export function useSessionState<T>(key: string, initial: T): [T, (update: Update<T>) => void] {
  const store = useContext(Store);
  const [value, setValue] = useState<T>(() => (store?.has(key) ? (store.get(key) as T) : initial));
  const set = useCallback(
    (update: Update<T>) =>
      setValue((previous) => {
        const next = typeof update === 'function' ? (update as (p: T) => T)(previous) : update;
        store?.set(key, next);
        return next;
      }),
    [store, key],
  );
  return [value, set];
}
