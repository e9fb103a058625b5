import { useCallback, useEffect, useRef, useState } from 'react';
import { createSerialQueue } from '../../../../shared/serialQueue';
import type { ResponseOf } from '../../../../shared/ipc/contract';
import { api, UiError, unwrap } from '../../ipc/tikho';
import { parseTags } from './formatting';

export interface Draft {
  title: string;
  tagsText: string;
  body: string;
  pinned: boolean;
}

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';
type Summary = ResponseOf<'notes:update'>['note'];

const DEBOUNCE_MS = 600;

/**
 * Debounced autosave of one note. Only changed fields are sent; saves never overlap (each waits
 * for the previous), and flush() sends whatever is pending at once — on blur, before the lock
 * shortcut, on switching notes and on unmount — so a lock or quit does not cost the last words.
 */
export function useAutosave(
  noteId: string,
  initial: Draft,
  onSaved: (note: Summary) => void,
): {
  draft: Draft;
  change: (patch: Partial<Draft>) => void;
  flush: () => Promise<void>;
  state: SaveState;
  error: UiError | null;
} {
  const [draft, setDraft] = useState(initial);
  const [state, setState] = useState<SaveState>('idle');
  const [error, setError] = useState<UiError | null>(null);
  const draftRef = useRef(initial);
  const savedRef = useRef(initial);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [queue] = useState(createSerialQueue);
  const onSavedRef = useRef(onSaved);
  const mounted = useRef(true);
  useEffect(() => {
    onSavedRef.current = onSaved;
  }, [onSaved]);

  const saveNow = useCallback((): Promise<void> => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    return queue.run(async () => {
      const next = draftRef.current;
      const last = savedRef.current;
      const patch: { id: string; title?: string; body?: string; tags?: string[]; pinned?: boolean } = {
        id: noteId,
      };
      if (next.title !== last.title) patch.title = next.title;
      if (next.body !== last.body) patch.body = next.body;
      if (next.pinned !== last.pinned) patch.pinned = next.pinned;
      const tags = parseTags(next.tagsText);
      if (tags.join('\u0000') !== parseTags(last.tagsText).join('\u0000')) patch.tags = tags;
      if (Object.keys(patch).length === 1) return;
      if (mounted.current) setState('saving');
      try {
        const { note } = await unwrap(api().notes.update(patch));
        savedRef.current = next;
        onSavedRef.current(note);
        if (mounted.current) {
          setError(null);
          setState(draftRef.current === next ? 'saved' : 'pending');
        }
      } catch (caught: unknown) {
        if (mounted.current) {
          setError(caught instanceof UiError ? caught : new UiError({ code: 'ipc/unexpected', params: {} }));
          setState('error');
        }
      }
    });
  }, [noteId, queue]);

  const change = useCallback(
    (patch: Partial<Draft>) => {
      const next = { ...draftRef.current, ...patch };
      draftRef.current = next;
      setDraft(next);
      setState('pending');
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void saveNow(), DEBOUNCE_MS);
    },
    [saveNow],
  );

  useEffect(() => {
    mounted.current = true;
    // The lock shortcut is handled on window in the bubble phase; this capture listener runs
    // first, so the pending save is sent before the lock request.
    const onKey = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.code === 'KeyL') void saveNow();
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      mounted.current = false;
      void saveNow();
    };
  }, [saveNow]);

  return { draft, change, flush: saveNow, state, error };
}
