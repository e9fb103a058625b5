import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { KINDS, PRIORITIES, type Kind, type Priority } from '../../../../shared/checklist/schema';
import { EMPTY_FILTER, type Answers, type ItemFilter } from '../../../../shared/checklist/view';
import { Chip } from './parts';

const SCOPE_CHIPS = ['RU', 'UA', 'EX'] as const;

const toggle = <T,>(list: readonly T[], value: T): T[] =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

/**
 * The filter chips: scope, priority, kind, "my roles". `onChange(null)` goes back to the first
 * steps of the person's answers.
 */
export function ItemFilters({
  filter,
  answers,
  isFirstSteps,
  onChange,
}: {
  filter: ItemFilter;
  answers: Answers;
  isFirstSteps: boolean;
  onChange: (filter: ItemFilter | null) => void;
}): ReactElement {
  const { t } = useTranslation('checklist');
  return (
    <div className="cl-filters" role="group" aria-label={t('filters.label')}>
      <div className="cl-chip-row" role="group" aria-label={t('filters.scope')}>
        <span className="cl-chip-label" aria-hidden="true">
          {t('filters.scope')}
        </span>
        {SCOPE_CHIPS.map((scope) => (
          <Chip
            key={scope}
            pressed={filter.scope === scope}
            onToggle={() => onChange({ ...filter, scope: filter.scope === scope ? null : scope })}
          >
            {t(`scope.${scope}`)}
          </Chip>
        ))}
      </div>
      <div className="cl-chip-row" role="group" aria-label={t('filters.priority')}>
        <span className="cl-chip-label" aria-hidden="true">
          {t('filters.priority')}
        </span>
        {PRIORITIES.map((priority: Priority) => (
          <Chip
            key={priority}
            pressed={filter.priorities.includes(priority)}
            onToggle={() => onChange({ ...filter, priorities: toggle(filter.priorities, priority) })}
          >
            {t(`priority.${priority}`)}
          </Chip>
        ))}
      </div>
      <div className="cl-chip-row" role="group" aria-label={t('filters.kind')}>
        <span className="cl-chip-label" aria-hidden="true">
          {t('filters.kind')}
        </span>
        {KINDS.map((kind: Kind) => (
          <Chip
            key={kind}
            pressed={filter.kinds.includes(kind)}
            onToggle={() => onChange({ ...filter, kinds: toggle(filter.kinds, kind) })}
          >
            {t(`kind.${kind}`)}
          </Chip>
        ))}
      </div>
      <div className="cl-chip-row">
        <Chip
          pressed={filter.roles.length > 0}
          onToggle={() => onChange({ ...filter, roles: filter.roles.length > 0 ? [] : answers.roles })}
        >
          {t('filters.myRoles')}
        </Chip>
        {!isFirstSteps && (
          <button type="button" className="button-link" onClick={() => onChange(null)}>
            {t('filters.backToFirstSteps')}
          </button>
        )}
        {filter !== EMPTY_FILTER && (
          <button type="button" className="button-link" onClick={() => onChange(EMPTY_FILTER)}>
            {t('filters.showAll')}
          </button>
        )}
      </div>
    </div>
  );
}
