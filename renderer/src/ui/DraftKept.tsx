import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftKind } from '../../../shared/ipc/drafts';
import { useDraftKept } from '../app/drafts';

/** "Draft saved and encrypted" under a box whose text would survive a lock. */
export function DraftKept({ kind, applies = true }: { kind: DraftKind; applies?: boolean }): ReactElement {
  const { t } = useTranslation();
  const kept = useDraftKept(kind);
  return (
    <p className="hint draft-kept" role="status">
      {kept && applies ? t('draft.kept') : ''}
    </p>
  );
}
