import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ProgressBar, ProgressRing } from './parts';
import type { ChecklistProgress } from './useChecklistData';

/** Progress by priority (bars) and by category (rings, only those with items in scope). */
export function ProgressCard({ progress }: { progress: ChecklistProgress }): ReactElement {
  const { t } = useTranslation('checklist');
  return (
    <section className="card cl-progress" aria-labelledby="cl-progress-title">
      <h2 id="cl-progress-title">{t('progress.title')}</h2>
      <p className="hint">{t('progress.scopeNote')}</p>
      <div className="cl-bars">
        {progress.byPriority.map(({ priority, tally }) => (
          <ProgressBar key={priority} label={t(`priority.${priority}`)} tally={tally} />
        ))}
      </div>
      <div className="cl-rings">
        {progress.byCategory
          .filter(({ tally }) => tally.total > 0)
          .map(({ category, tally }) => (
            <ProgressRing key={category} label={t(`category.${category}`)} tally={tally} />
          ))}
      </div>
    </section>
  );
}
