import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../shared/ipc/contract';

type Report = ResponseOf<'panic:drill'>;

/** The drill's report: each step in the order it ran, how long it took, and what it destroyed. */
export function DrillReport({ report }: { report: Report }): ReactElement {
  const { t, i18n } = useTranslation('panic');
  const ms = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const count = new Intl.NumberFormat(i18n.language);
  const d = report.destroyed;
  const size =
    d.bytes === null
      ? null
      : d.bytes < 1024 * 1024
        ? t('drill.destroyed.sizeKb', { size: ms.format(d.bytes / 1024) })
        : t('drill.destroyed.size', { size: ms.format(d.bytes / (1024 * 1024)) });
  return (
    <div className="drill-report">
      <p className="panel panel-ok" role="status">
        {t('drill.untouched')}
      </p>
      <p>
        {t('drill.summary', {
          keys: ms.format(report.keysDestroyedMs),
          total: ms.format(report.totalMs),
        })}
      </p>
      <table className="drill-table">
        <caption>{t('drill.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('drill.col.step')}</th>
            <th scope="col">{t('drill.col.ms')}</th>
            <th scope="col">{t('drill.col.result')}</th>
          </tr>
        </thead>
        <tbody>
          {report.steps.map((step, index) => (
            <tr key={step.step}>
              <td>{index + 1}</td>
              <td>{t(`step.${step.step}`)}</td>
              <td className="num">{ms.format(step.ms)}</td>
              <td>
                {!step.ok
                  ? t('drill.result.failed', { count: step.failures.length })
                  : step.simulated
                    ? t('drill.result.simulated')
                    : t('drill.result.done')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('drill.destroyedTitle')}</h3>
      <ul className="drill-destroyed">
        {d.notes !== null && (
          <li>{t('drill.destroyed.notes', { count: d.notes, n: count.format(d.notes) })}</li>
        )}
        <li>{t('drill.destroyed.attachments', { count: d.attachments, n: count.format(d.attachments) })}</li>
        <li>{t('drill.destroyed.records', { count: d.records, n: count.format(d.records) })}</li>
        <li>{t('drill.destroyed.headers', { count: d.headers, n: count.format(d.headers) })}</li>
        <li>
          {t('drill.destroyed.files', { count: d.files, n: count.format(d.files) })}
          {size !== null && ` (${size})`}
        </li>
      </ul>
      {report.failures.length > 0 && (
        <p className="alert alert-warn">{t('drill.leftovers', { count: report.failures.length })}</p>
      )}
    </div>
  );
}
