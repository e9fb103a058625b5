import type { ReactElement } from 'react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../shared/ipc/contract';
import { DrillReport } from './DrillReport';

export type Outcome = ResponseOf<'panic:practiceButton'>;

/**
 * What a practised trigger did on the copy, in words first (what the person — and whoever
 * watches them — would have seen), then the same step table as the drill.
 */
export function PracticeOutcome({ outcome }: { outcome: Outcome }): ReactElement {
  const { t } = useTranslation('panic');
  const heading = useRef<HTMLHeadingElement>(null);
  // The result replaces what the person was doing: a screen reader starts reading here.
  useEffect(() => heading.current?.focus(), [outcome]);
  return (
    <div className="panic-practice-outcome">
      <h3 ref={heading} tabIndex={-1}>
        {t('practice.outcome.title')}
      </h3>
      {outcome.kind === 'wiped' ? (
        <>
          <p className="panic-practice-what" role="status">
            {t(`practice.outcome.trigger.${outcome.report.trigger}`)}{' '}
            {t(`practice.outcome.screen.${outcome.screen}`, { count: outcome.decoyNotes ?? 0 })}
          </p>
          <DrillReport report={outcome.report} />
        </>
      ) : (
        <p className="panic-practice-what" role="status">
          {t(`practice.outcome.${outcome.kind}`)}
        </p>
      )}
    </div>
  );
}
