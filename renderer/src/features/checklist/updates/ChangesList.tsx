import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdatePreviewView } from '../../../../../shared/ipc/checklistUpdates';

type Changes = UpdatePreviewView['changes'];
const GROUPS = [
  'added',
  'corrected',
  'retired',
  'contactsAdded',
  'contactsCorrected',
  'contactsRetired',
] as const;

/** "What changed": each kind of change as its own labelled list, so nothing is hidden in prose. */
export function ChangesList({ changes, label }: { changes: Changes; label: string }): ReactElement {
  const { t } = useTranslation('checklist');
  const shown = GROUPS.filter((group) => changes[group].length > 0);
  return (
    <section className="cl-update-changes" aria-label={label}>
      {shown.length === 0 && <p>{t('updates.noVisibleChange')}</p>}
      {shown.map((group) => (
        <div key={group}>
          <h4>{t(`updates.groups.${group}`, { count: changes[group].length })}</h4>
          <ul aria-label={t(`updates.groups.${group}`, { count: changes[group].length })}>
            {changes[group].map((entry) => (
              <li key={entry.id}>{entry.title}</li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
