import type { ReactElement } from 'react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../shared/ipc/contract';
import { PANIC_END_STATES, PANIC_FAILED_UNLOCK_LIMITS } from '../../../../shared/ipc/panic';
import type { ScreenProps } from '../../app/screenProps';
import { api, UiError, unwrap } from '../../ipc/tikho';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useAction';
import { DeadManDrillNote, DeadManSetting } from './DeadManSetting';
import { DrillReport } from './DrillReport';
import { DuressSetup } from './DuressSetup';
import { PanicButton } from './PanicButton';
import { PracticeDrill } from './PracticeDrill';
import { ShortcutNotice } from './ShortcutNotice';
import { ShortcutChooser } from './ShortcutChooser';
import './panic.css';

type Config = ResponseOf<'panic:config'>;
type ShortcutStatus = ResponseOf<'panic:shortcutStatus'>['status'];
type Report = ResponseOf<'panic:drill'>;
type Limit = Config['failedUnlockLimit'];

/**
 * Panic & safety: the honest limits first, then the button with its countdown, the
 * shortcut, the end state, the duress passphrase, the failed-unlock wipe and the drill.
 */
export function PanicScreen({ info, settings, notify }: ScreenProps): ReactElement {
  const { t } = useTranslation('panic');
  const [config, setConfig] = useState<Config | null>(null);
  const [shortcut, setShortcut] = useState(settings.panicShortcut);
  const [notice, setNotice] = useState(settings.panicShortcutNotice);
  const [shortcutStatus, setShortcutStatus] = useState<ShortcutStatus>('unknown');
  const [remaining, setRemaining] = useState<number | null | undefined>(undefined);
  const [report, setReport] = useState<Report | null>(null);
  const load = useAction();
  const [loadError, setLoadError] = useState<UiError | null>(null);
  const save = useAction();
  const drill = useAction();
  const ids = { remaining: useId() };

  const refresh = async (): Promise<void> => {
    const next = await load.run(() => unwrap(api().panic.config({})));
    if (next) setConfig(next);
  };

  useEffect(() => {
    void unwrap(api().panic.shortcutStatus({})).then(
      ({ status }) => setShortcutStatus(status),
      () => setShortcutStatus('unknown'),
    );
  }, [shortcut]);

  useEffect(() => {
    // The first load sets state only when main answers (no synchronous busy flag in the effect).
    void unwrap(api().panic.config({})).then(setConfig, (caught: unknown) =>
      setLoadError(caught instanceof UiError ? caught : new UiError({ code: 'ipc/unexpected', params: {} })),
    );
  }, []);

  const setEndState = async (endState: Config['endState']): Promise<void> => {
    const done = await save.run(async () => {
      await unwrap(api().panic.setEndState({ endState }));
      return true;
    });
    if (done) {
      notify(t('saved'));
      await refresh();
    }
  };

  const setLimit = async (limit: Limit): Promise<void> => {
    const done = await save.run(async () => {
      await unwrap(api().panic.setFailedUnlockLimit({ limit }));
      return true;
    });
    if (done) {
      setRemaining(undefined);
      notify(t('saved'));
      await refresh();
    }
  };

  const changeShortcut = async (next: string | null): Promise<void> => {
    // Any choice here answers the one-time notice about the old default.
    const saved = await save.run(() =>
      unwrap(api().settings.update({ panicShortcut: next, panicShortcutNotice: null })),
    );
    if (saved) {
      setShortcut(saved.panicShortcut);
      setNotice(saved.panicShortcutNotice);
      notify(t('saved'));
    }
  };

  const dismissNotice = async (): Promise<void> => {
    const saved = await save.run(() => unwrap(api().settings.update({ panicShortcutNotice: null })));
    if (saved) setNotice(saved.panicShortcutNotice);
  };

  const setDeadMan = async (days: Config['deadManDays']): Promise<void> => {
    const done = await save.run(async () => {
      await unwrap(api().panic.setDeadMan({ days }));
      return true;
    });
    if (done) {
      notify(t('saved'));
      await refresh();
    }
  };

  const showRemaining = async (): Promise<void> => {
    const result = await save.run(() => unwrap(api().panic.remainingAttempts({})));
    if (result) setRemaining(result.remaining);
  };

  const runDrill = async (): Promise<void> => {
    setReport(null);
    const result = await drill.run(() => unwrap(api().panic.drill({})));
    if (result) setReport(result);
  };

  const shownLoadError = load.error ?? loadError;

  return (
    <section className="screen panic-screen" aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>
        {t('title')}
      </h1>
      <p className="lede">{t('intro')}</p>

      <section className="card panel-warn panic-limits" aria-labelledby="panic-limits-title">
        <h2 id="panic-limits-title">{t('limits.title')}</h2>
        <p>{t('limits.holds')}</p>
        <p className="panic-limits-lede">{t('limits.lede')}</p>
        <ul>
          <li>{t('limits.copies')}</li>
          {/* No OS keystore: state.bin opens under public header bytes alone. */}
          {config?.lockScreenProtection === 'none' && <li>{t('limits.lockScreen')}</li>}
          <li>{t('limits.swap')}</li>
          <li>{t('limits.escalate')}</li>
          <li>{t('limits.law')}</li>
        </ul>
      </section>

      {shownLoadError && <ErrorMessage error={shownLoadError} />}
      {save.error && <ErrorMessage error={save.error} />}

      <PanicButton notify={notify} />

      <section className="card" aria-labelledby="panic-shortcut-title">
        <h2 id="panic-shortcut-title">{t('shortcut.title')}</h2>
        <p className="hint">{t('shortcut.hint')}</p>
        {info.host === 'harness' && <p className="hint">{t('shortcut.harness')}</p>}
        {notice === 'old-default-off' && shortcut === null && (
          <ShortcutNotice
            platform={info.platform}
            busy={save.busy}
            onRestore={(old) => void changeShortcut(old)}
            onDismiss={() => void dismissNotice()}
          />
        )}
        {shortcutStatus === 'refused' && (
          <div className="alert alert-warn" role="alert">
            <strong>{t('shortcut.refused.title')}</strong> {t('shortcut.refused.body')}
          </div>
        )}
        <ShortcutChooser
          current={shortcut}
          lockShortcut={settings.lockShortcut}
          platform={info.platform}
          busy={save.busy}
          onSave={(next) => void changeShortcut(next)}
        />
      </section>

      {config && (
        <>
          <fieldset className="card field-group">
            <legend>{t('endState.title')}</legend>
            <p className="hint">{t('endState.hint')}</p>
            <div className="choice-column">
              {PANIC_END_STATES.map((endState) => {
                const disabled = endState === 'decoy' && !config.decoyReady;
                return (
                  <label key={endState} className={`choice panic-choice${disabled ? ' is-disabled' : ''}`}>
                    <input
                      type="radio"
                      name="panic-end-state"
                      value={endState}
                      checked={config.endState === endState}
                      disabled={disabled || save.busy}
                      onChange={() => void setEndState(endState)}
                    />
                    <span className="panic-choice-body">
                      {t(`endState.${endState}.label`)}
                      <span className="panic-choice-hint">
                        {disabled ? t('endState.decoy.needsDuress') : t(`endState.${endState}.hint`)}
                      </span>
                    </span>
                  </label>
                );
              })}
            </div>
          </fieldset>

          <section className="card" aria-labelledby="panic-duress-title">
            <h2 id="panic-duress-title">{t('duress.title')}</h2>
            <p className="hint">{t('duress.hint')}</p>
            <p className="hint">{t('duress.typoGuard')}</p>
            <DuressSetup duressSet={config.duressSet} onChanged={() => void refresh()} notify={notify} />
          </section>

          <fieldset className="card field-group">
            <legend>{t('failed.title')}</legend>
            <p className="hint">{t('failed.hint')}</p>
            <div className="choice-row">
              {[null, ...PANIC_FAILED_UNLOCK_LIMITS].map((limit) => (
                <label key={limit ?? 'off'} className="choice">
                  <input
                    type="radio"
                    name="panic-failed-limit"
                    checked={config.failedUnlockLimit === limit}
                    disabled={save.busy}
                    onChange={() => void setLimit(limit)}
                  />
                  <span>{limit === null ? t('failed.off') : t('failed.after', { count: limit })}</span>
                </label>
              ))}
            </div>
            {config.failedUnlockLimit !== null && (
              <div className="panic-remaining">
                <button type="button" className="button-quiet" onClick={() => void showRemaining()}>
                  {t('failed.showRemaining')}
                </button>
                {remaining !== undefined && (
                  <p id={ids.remaining} role="status">
                    {remaining === null ? t('failed.off') : t('failed.remaining', { count: remaining })}
                  </p>
                )}
              </div>
            )}
          </fieldset>

          <DeadManSetting config={config} busy={save.busy} onChange={(days) => void setDeadMan(days)} />
        </>
      )}

      <section className="card" aria-labelledby="panic-drill-title">
        <h2 id="panic-drill-title">{t('drill.title')}</h2>
        <p className="hint">{t('practice.intro')}</p>
        {config && (
          <PracticeDrill
            shortcut={shortcut}
            duressSet={config.duressSet}
            platform={info.platform}
            notify={notify}
          />
        )}
        <h3>{t('practice.tableOnly')}</h3>
        <p className="hint">{t('drill.hint')}</p>
        {drill.error && <ErrorMessage error={drill.error} />}
        <button
          type="button"
          className="button-primary"
          disabled={drill.busy}
          onClick={() => void runDrill()}
        >
          {drill.busy ? t('drill.running') : t('drill.run')}
        </button>
        {drill.busy && <progress className="progress" aria-label={t('drill.running')} />}
        {report && <DrillReport report={report} />}
        {report && config && <DeadManDrillNote config={config} />}
      </section>
    </section>
  );
}
