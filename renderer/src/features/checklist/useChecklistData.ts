import { useCallback, useEffect, useState } from 'react';
import type { Answers, ItemStatus, ItemView } from '../../../../shared/checklist/view';
import type { ResponseOf } from '../../../../shared/ipc/contract';
import type { Language } from '../../../../shared/settings';
import { api, unwrap } from '../../ipc/tikho';
import { useAction } from '../../ui/useAction';

export type ChecklistContent = ResponseOf<'checklist:content'>;
export type ChecklistProgress = ResponseOf<'checklist:progress'>;
export type ChecklistCapabilities = ResponseOf<'checklist:capabilities'>;

/**
 * What the checklist screen shows, in one of three phases: still loading, the first two
 * questions not answered yet, or everything there.
 */
export type ChecklistData =
  | { phase: 'loading' }
  | { phase: 'questions'; content: ChecklistContent }
  | {
      phase: 'ready';
      content: ChecklistContent;
      answers: Answers;
      progress: ChecklistProgress | null;
      capabilities: ChecklistCapabilities | null;
    };

export interface ChecklistDataHook {
  data: ChecklistData;
  loadError: ReturnType<typeof useAction>['error'];
  changeError: ReturnType<typeof useAction>['error'];
  busy: boolean;
  /** Saves the answers; `onSaved` runs before progress is read again. Nothing runs when saving failed (the error shows). */
  saveAnswers: (next: Answers, onSaved: () => void) => Promise<void>;
  setStatus: (item: ItemView, status: ItemStatus) => Promise<void>;
  refreshProgress: () => Promise<void>;
  /** After a content update: read the items again in the same language. */
  reloadContent: () => void;
  /** Counts reloadContent calls, so a part that reads content itself can be keyed to start over. */
  contentVersion: number;
}

/** The checklist's data and every call that changes it; the screen keeps only what is on view. */
export function useChecklistData(lang: Language): ChecklistDataHook {
  const load = useAction();
  const change = useAction();
  const { run: runLoad } = load;
  const [content, setContent] = useState<ChecklistContent | null>(null);
  // undefined: not read yet; null: read, nothing answered.
  const [answers, setAnswers] = useState<Answers | null | undefined>(undefined);
  const [progress, setProgress] = useState<ChecklistProgress | null>(null);
  const [capabilities, setCapabilities] = useState<ChecklistCapabilities | null>(null);
  const [contentVersion, setContentVersion] = useState(0);

  useEffect(() => {
    void runLoad(async () => setContent(await unwrap(api().checklist.content({ lang }))));
  }, [lang, runLoad, contentVersion]);

  const fetchProgress = useCallback(async () => {
    setProgress(await unwrap(api().checklist.progress({})));
  }, []);

  useEffect(() => {
    void runLoad(async () => {
      const [saved, caps] = await Promise.all([
        unwrap(api().checklist.getAnswers({})),
        unwrap(api().checklist.capabilities({})),
      ]);
      setCapabilities(caps);
      setAnswers(saved.answers);
      await fetchProgress();
    });
  }, [runLoad, fetchProgress]);

  const { run: runChange } = change;
  const refreshProgress = useCallback(async () => {
    await runChange(fetchProgress);
  }, [runChange, fetchProgress]);

  const saveAnswers = async (next: Answers, onSaved: () => void): Promise<void> => {
    const saved = await runChange(() => unwrap(api().checklist.setAnswers(next)));
    if (!saved) return;
    setAnswers(saved.answers);
    onSaved();
    await refreshProgress();
  };

  const setStatus = async (item: ItemView, status: ItemStatus): Promise<void> => {
    const result = await runChange(() => unwrap(api().checklist.setStatus({ itemId: item.id, status })));
    if (!result) return;
    setProgress((prev) =>
      prev ? { ...prev, statuses: { ...prev.statuses, [item.id]: result.status } } : prev,
    );
    await refreshProgress();
  };

  const data: ChecklistData =
    content === null || answers === undefined
      ? { phase: 'loading' }
      : answers === null
        ? { phase: 'questions', content }
        : { phase: 'ready', content, answers, progress, capabilities };

  return {
    data,
    loadError: load.error,
    changeError: change.error,
    busy: change.busy,
    saveAnswers,
    setStatus,
    refreshProgress,
    reloadContent: () => setContentVersion((version) => version + 1),
    contentVersion,
  };
}
