import type { ReactElement } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { factsAsOf } from '../../../../shared/checklist/view';
import type { EffectiveStatus, ItemStatus, ItemView } from '../../../../shared/checklist/view';
import { CopyButton } from '../../ui/CopyButton';
import { Badge, useDateFormat } from './parts';

interface Props {
  item: ItemView;
  status: EffectiveStatus | null;
  busy: boolean;
  onStatus: (status: ItemStatus) => void;
  /** The screen that does this item, for items the app ticks itself (liveActions.ts). */
  onOpen?: { label: string; run: () => void };
}

const STATUS_ORDER: readonly ItemStatus[] = ['done', 'na', 'todo'];

/** Steps grouped by platform in the order the content gives them. */
export function groupSteps(steps: ItemView['steps']): { platform: string; texts: string[] }[] {
  const groups: { platform: string; texts: string[] }[] = [];
  for (const step of steps) {
    const group = groups.find((g) => g.platform === step.platform);
    if (group) group.texts.push(step.text);
    else groups.push({ platform: step.platform, texts: [step.text] });
  }
  return groups;
}

/** One checklist item: title, why, how-to fold, legal note, facts with sources, status buttons. */
export function ItemCard({ item, status, busy, onStatus, onOpen }: Props): ReactElement {
  const { t } = useTranslation('checklist');
  const { day } = useDateFormat();
  const titleId = useId();
  const groups = groupSteps(item.steps);
  const current = status?.status ?? 'todo';
  const asOf = factsAsOf(item.facts);

  return (
    <article className="card cl-item" aria-labelledby={titleId} data-status={current}>
      <header className="cl-item-head">
        <h3 id={titleId}>{item.title}</h3>
        <div className="cl-badges">
          {item.priority === 'essential' && <Badge tone="essential">{t('priority.essential')}</Badge>}
          <Badge tone="neutral">{t(`kind.${item.kind}`)}</Badge>
          <Badge tone="neutral">{t('effort', { count: item.effortMinutes })}</Badge>
          {item.legalNote !== null && <Badge tone="legal">{t('item.legalBadge')}</Badge>}
          {item.outdated && <Badge tone="warn">{t('item.outdated', { date: day(item.lastReviewed) })}</Badge>}
          {status?.auto === true && <Badge tone="ok">{t('item.autoChecked')}</Badge>}
        </div>
      </header>
      <p className="cl-why">{item.why}</p>

      <details className="cl-fold">
        <summary>{t('item.howTo', { count: item.steps.length })}</summary>
        {groups.map((group) => (
          <div key={group.platform} className="cl-steps">
            {(groups.length > 1 || group.platform !== 'all') && <h4>{t(`platform.${group.platform}`)}</h4>}
            <ol>
              {group.texts.map((text, index) => (
                <li key={index}>{text}</li>
              ))}
            </ol>
          </div>
        ))}
      </details>

      {item.legalNote !== null && (
        <div className="cl-legal" role="note" aria-label={t('item.legalTitle')}>
          <strong>{t('item.legalTitle')}</strong> {item.legalNote}
        </div>
      )}

      {item.facts.length > 0 && (
        <details className="cl-fold">
          <summary>{t('item.facts', { count: item.facts.length })}</summary>
          <ul className="cl-facts">
            {item.facts.map((fact, index) => (
              <li key={index}>
                <p>
                  {fact.contested && <Badge tone="warn">{t('item.contested')}</Badge>} {fact.text}{' '}
                  <span className="hint">{t('item.asOf', { date: day(fact.asOf) })}</span>
                </p>
                <ul className="cl-sources">
                  {fact.sources.map((source) => (
                    <li key={source.url}>
                      <span>
                        {t('item.sourceLine', { publisher: source.publisher, title: source.title })}
                      </span>
                      {/* Shown as text, never a link: the app makes no network requests (docs/architecture.md §Hardening). */}
                      <code className="cl-url">{source.url}</code>
                      <CopyButton text={source.url} label={t('item.copyLink')} />
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </details>
      )}

      {onOpen && current !== 'done' && (
        <p>
          <button type="button" className="button-secondary" onClick={onOpen.run}>
            {onOpen.label}
          </button>
        </p>
      )}

      <footer className="cl-item-foot">
        <span className="hint">
          {asOf !== null && (
            <span className="cl-facts-as-of">{t('item.factsAsOf', { date: day(asOf) })} · </span>
          )}
          {t('item.reviewed', { date: day(item.lastReviewed) })}
        </span>
        {status?.auto === true ? (
          <p className="cl-auto">{t('item.autoExplain')}</p>
        ) : (
          <div className="cl-status" role="group" aria-label={t('item.statusGroup', { title: item.title })}>
            {STATUS_ORDER.map((option) => (
              <button
                key={option}
                type="button"
                className={current === option ? 'cl-status-button is-current' : 'cl-status-button'}
                aria-pressed={current === option}
                disabled={busy || status === null}
                onClick={() => onStatus(option)}
              >
                {t(`status.${option}`)}
              </button>
            ))}
          </div>
        )}
      </footer>
    </article>
  );
}
