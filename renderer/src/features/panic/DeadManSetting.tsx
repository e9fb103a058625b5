import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../shared/ipc/contract';
import { PANIC_DEAD_MAN_DAYS } from '../../../../shared/ipc/panic';
import { formatLongDateTime } from '../../ui/dates';

type Config = ResponseOf<'panic:config'>;
type Days = Config['deadManDays'];

/**
 * The dead-man wipe's setting. It lives only here, behind the unlock: the lock screen must never
 * hint that it is set, so nothing about it is shown anywhere a locked app can reach.
 */
export function DeadManSetting({
  config,
  busy,
  onChange,
}: {
  config: Config;
  busy: boolean;
  onChange: (days: Days) => void;
}): ReactElement {
  const { t } = useTranslation('panic');
  const due = useDueDate(config);
  return (
    <fieldset className="card field-group">
      <legend>{t('deadMan.title')}</legend>
      <p className="hint">{t('deadMan.hint')}</p>
      <div className="choice-row">
        {[null, ...PANIC_DEAD_MAN_DAYS].map((days) => (
          <label key={days ?? 'off'} className="choice">
            <input
              type="radio"
              name="panic-dead-man"
              checked={config.deadManDays === days}
              disabled={busy}
              onChange={() => onChange(days)}
            />
            <span>{days === null ? t('deadMan.off') : t('deadMan.after', { count: days })}</span>
          </label>
        ))}
      </div>
      {due && <p role="status">{t('deadMan.due', { date: due })}</p>}
      <p className="hint">{t('deadMan.limit')}</p>
    </fieldset>
  );
}

function useDueDate(config: Config): string | null {
  const { i18n } = useTranslation();
  if (!config.deadManDueAt) return null;
  return formatLongDateTime(i18n.language, config.deadManDueAt);
}

/** Under a drill's report: when the dead-man wipe would run this same plan for real. */
export function DeadManDrillNote({ config }: { config: Config }): ReactElement | null {
  const { t } = useTranslation('panic');
  const due = useDueDate(config);
  return due ? <p className="hint">{t('deadMan.drill', { date: due })}</p> : null;
}
