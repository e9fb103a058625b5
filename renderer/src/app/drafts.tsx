import type { ReactElement, ReactNode } from 'react';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { createSerialQueue } from '../../../shared/serialQueue';
import type { DraftKind, DraftOf, Drafts, DraftSave } from '../../../shared/ipc/drafts';
import { api, unwrap } from '../ipc/tikho';

/** Short enough that an idle lock, minutes later, always finds the last words saved. */
const DRAFT_DEBOUNCE_MS = 400;

export interface DraftSync {
  /** The latest draft of a kind in this session: what main loaded at unlock, or what was saved since. */
  current<K extends DraftKind>(kind: K): DraftOf<K> | undefined;
  /** Saves after a short pause in typing; null throws the draft away. */
  save<K extends DraftKind>(kind: K, draft: DraftOf<K> | null): void;
  /** Sent, saved or discarded: the draft goes now, not after the pause. */
  discard(kind: DraftKind): void;
  /** Sends every pending change to main at once (before a lock, on leaving the window). */
  flush(): Promise<void>;
  /** True once main has the latest draft of a kind; listeners hear every change of that. */
  isKept(kind: DraftKind): boolean;
  subscribe: (listener: () => void) => () => void;
}

const Context = createContext<DraftSync | null>(null);

/**
 * Unsent work survives a lock: drafts go to main, which keeps each as an encrypted
 * vault record; this provider holds only what the unlocked shell shows, and mounts its children
 * once main has answered, so every screen starts from the restored draft. Nothing is kept in any
 * browser storage; a lock unmounts the shell and drops all of it.
 */
export function DraftsProvider({ children }: { children: ReactNode }): ReactElement | null {
  const [loaded, setLoaded] = useState(false);
  const latest = useRef(new Map<DraftKind, unknown>());
  const pending = useRef(new Map<DraftKind, unknown>());
  const sent = useRef(new Map<DraftKind, string>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [queue] = useState(createSerialQueue);
  const listeners = useRef(new Set<() => void>());
  const tell = useCallback(() => {
    for (const listener of listeners.current) listener();
  }, []);

  useEffect(() => {
    let live = true;
    void unwrap(api().drafts.load({}))
      .then(({ drafts }: { drafts: Drafts }) => {
        for (const [kind, draft] of Object.entries(drafts) as [DraftKind, unknown][]) {
          latest.current.set(kind, draft);
          sent.current.set(kind, JSON.stringify(draft));
        }
      })
      // No drafts is better than no shell: the screens start empty, as before.
      .catch(() => undefined)
      .finally(() => live && setLoaded(true));
    return () => {
      live = false;
    };
  }, []);

  const flush = useCallback((): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const batch = [...pending.current];
    pending.current.clear();
    const run = queue.run(async () => {
      for (const [kind, draft] of batch) {
        const text = draft === null ? 'null' : JSON.stringify(draft);
        if (sent.current.get(kind) === text || (draft === null && !sent.current.has(kind))) continue;
        const result =
          draft === null
            ? await api().drafts.discard({ kind })
            : await api().drafts.save({ kind, draft } as DraftSave);
        // A refused save (vault locked meanwhile) is tried again with the next change.
        if (!result.ok) continue;
        if (draft === null) sent.current.delete(kind);
        else sent.current.set(kind, text);
      }
      tell();
    });
    return run.catch(() => undefined);
  }, [queue, tell]);

  const save = useCallback(
    (kind: DraftKind, draft: unknown) => {
      latest.current.set(kind, draft ?? undefined);
      pending.current.set(kind, draft);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DRAFT_DEBOUNCE_MS);
      tell();
    },
    [flush, tell],
  );

  useEffect(() => {
    const onHidden = (): void => {
      if (document.visibilityState === 'hidden') void flush();
    };
    const onBlur = (): void => void flush();
    window.addEventListener('blur', onBlur);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      window.removeEventListener('blur', onBlur);
      document.removeEventListener('visibilitychange', onHidden);
    };
  }, [flush]);

  const value = useMemo<DraftSync>(
    () => ({
      current: <K extends DraftKind>(kind: K) => latest.current.get(kind) as DraftOf<K> | undefined,
      save,
      discard: (kind) => {
        save(kind, null);
        void flush();
      },
      flush,
      isKept: (kind) => {
        const draft = latest.current.get(kind);
        return (
          draft !== undefined &&
          !pending.current.has(kind) &&
          sent.current.get(kind) === JSON.stringify(draft)
        );
      },
      subscribe: (listener) => {
        listeners.current.add(listener);
        return () => listeners.current.delete(listener);
      },
    }),
    [save, flush],
  );
  if (!loaded) return null;
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** The drafts of the unlocked shell; outside it (first run, tests of a lone screen) nothing is kept. */
export function useDrafts(): DraftSync {
  return useContext(Context) ?? NO_DRAFTS;
}

const NO_DRAFTS: DraftSync = {
  current: () => undefined,
  save: () => undefined,
  discard: () => undefined,
  flush: () => Promise.resolve(),
  isKept: () => false,
  subscribe: () => () => undefined,
};

/** Whether the draft of `kind` is safe in the vault right now (for the "draft kept" line). */
export function useDraftKept(kind: DraftKind): boolean {
  const drafts = useDrafts();
  return useSyncExternalStore(drafts.subscribe, () => drafts.isKept(kind));
}
