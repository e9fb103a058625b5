import type { FormEvent, ReactElement } from 'react';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../shared/ipc/contract';
import type { Language, Settings } from '../../../../shared/settings';
import { LANGUAGES } from '../../../../shared/settings';
import { changeLanguage } from '../../i18n';
import { api, unwrap } from '../../ipc/tikho';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useAction';
import { NewPassphraseFields } from '../lock/NewPassphraseFields';
import { RecoveryCodeShown } from '../recovery/RecoveryCodeShown';
import type { Strength } from '../lock/StrengthMeter';
import { LANGUAGE_NAMES } from '../settings/languageNames';
import { SafetyStep } from './SafetyStep';
import { SuggestPassphrase } from './SuggestPassphrase';

type Step = 'language' | 'about' | 'passphrase' | 'recovery' | 'safety';
const STEP_ORDER: Step[] = ['language', 'about', 'passphrase', 'safety'];

interface Props {
  info: ResponseOf<'app:bootstrap'>;
  settings: Settings;
  onSettingsChange: (settings: Settings) => void;
  onDone: () => void;
}

/** First run, about two minutes: language → what Tikho can and cannot do → passphrase → recovery code → safety settings. */
export function FirstRun({ info, settings, onSettingsChange, onDone }: Props): ReactElement {
  const { t } = useTranslation('vault');
  const [step, setStep] = useState<Step>('language');
  const [recoveryCode, setRecoveryCode] = useState<string[] | null>(null);
  // The counter never changes its total: the recovery code is part of the passphrase step,
  // so "Step 3 of 4" does not become "Step 4 of 5" once a code is made.
  const index = STEP_ORDER.indexOf(step === 'recovery' ? 'passphrase' : step) + 1;
  const card = useRef<HTMLDivElement>(null);
  const firstStep = useRef(true);
  // After each step, focus goes to the new step's heading so a screen reader starts there.
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    card.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [step]);

  const updateSettings = async (patch: Partial<Settings>): Promise<void> => {
    const next = await unwrap(api().settings.update(patch));
    if (patch.language) await changeLanguage(patch.language);
    onSettingsChange(next);
  };

  return (
    <main className="center-screen" id="content">
      <div className="card onboarding-card" ref={card}>
        <p className="eyebrow">{t('firstRun.stepOf', { step: index, total: STEP_ORDER.length })}</p>
        {step === 'language' && (
          <LanguageStep
            current={settings.language ?? info.systemLanguage}
            onChoose={(language) => void updateSettings({ language })}
            onNext={() => setStep('about')}
          />
        )}
        {step === 'about' && (
          <AboutStep onBack={() => setStep('language')} onNext={() => setStep('passphrase')} />
        )}
        {step === 'passphrase' && (
          <PassphraseStep
            onBack={() => setStep('about')}
            onCreated={(groups) => {
              setRecoveryCode(groups);
              setStep(groups ? 'recovery' : 'safety');
            }}
          />
        )}
        {step === 'recovery' && recoveryCode && (
          <RecoveryStep
            groups={recoveryCode}
            onNext={() => {
              // Shown once: forget the code as soon as the person confirms.
              setRecoveryCode(null);
              setStep('safety');
            }}
          />
        )}
        {step === 'safety' && (
          <SafetyStep
            settings={settings}
            platform={info.platform}
            onChange={(patch) => void updateSettings(patch)}
            onDone={onDone}
          />
        )}
      </div>
    </main>
  );
}

function LanguageStep({
  current,
  onChoose,
  onNext,
}: {
  current: Language;
  onChoose: (language: Language) => void;
  onNext: () => void;
}): ReactElement {
  const { t } = useTranslation('vault');
  return (
    <>
      <h1 tabIndex={-1}>{t('firstRun.languageTitle')}</h1>
      <p className="hint">{t('firstRun.languageHint')}</p>
      <div className="choice-column" role="radiogroup" aria-label={t('firstRun.languageTitle')}>
        {LANGUAGES.map((lng) => (
          <label key={lng} className="choice choice-large" lang={lng}>
            <input type="radio" name="language" checked={current === lng} onChange={() => onChoose(lng)} />
            <span>{LANGUAGE_NAMES[lng]}</span>
          </label>
        ))}
      </div>
      <div className="actions">
        <button type="button" className="button-primary" onClick={onNext}>
          {t('common:actions.continue')}
        </button>
      </div>
    </>
  );
}

function AboutStep({ onBack, onNext }: { onBack: () => void; onNext: () => void }): ReactElement {
  const { t } = useTranslation('vault');
  const protects = t('firstRun.protectsItems', { returnObjects: true }) as string[];
  const cannot = t('firstRun.cannotItems', { returnObjects: true }) as string[];
  return (
    <>
      <h1 tabIndex={-1}>{t('firstRun.aboutTitle')}</h1>
      <div className="two-columns">
        <section className="panel panel-ok">
          <h2>{t('firstRun.protects')}</h2>
          <ul>
            {protects.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
        <section className="panel panel-warn">
          <h2>{t('firstRun.cannot')}</h2>
          <ul>
            {cannot.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
      </div>
      <p>{t('firstRun.noNetwork')}</p>
      <div className="actions">
        <button type="button" className="button-secondary" onClick={onBack}>
          {t('common:actions.back')}
        </button>
        <button type="button" className="button-primary" onClick={onNext}>
          {t('common:actions.continue')}
        </button>
      </div>
    </>
  );
}

function PassphraseStep({
  onBack,
  onCreated,
}: {
  onBack: () => void;
  onCreated: (groups: string[] | null) => void;
}): ReactElement {
  const { t } = useTranslation('vault');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [withRecovery, setWithRecovery] = useState(true);
  const [strength, setStrength] = useState<Strength | null>(null);
  const { busy, error, run } = useAction();
  const recoveryId = useId();
  const onStrength = useCallback((s: Strength | null) => setStrength(s), []);

  const canCreate =
    !busy &&
    passphrase.length > 0 &&
    passphrase === repeat &&
    strength?.verdict !== 'refused' &&
    strength !== null;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!canCreate) return;
    const result = await run(() =>
      unwrap(api().vault.create({ passphrase, withRecoveryCode: withRecovery })),
    );
    if (result) {
      setPassphrase('');
      setRepeat('');
      onCreated(result.recoveryCode);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)}>
      <h1 tabIndex={-1}>{t('firstRun.passphraseTitle')}</h1>
      <p>{t('firstRun.passphraseHint')}</p>
      <p className="alert alert-warn">{t('firstRun.noRecovery')}</p>
      <NewPassphraseFields
        labels={{ next: t('firstRun.newPassphrase'), repeat: t('firstRun.repeatPassphrase') }}
        next={passphrase}
        repeat={repeat}
        onNext={setPassphrase}
        onRepeat={setRepeat}
        onStrength={onStrength}
        autoFocus
      />
      <SuggestPassphrase
        onUse={(words) => {
          setPassphrase(words);
          setRepeat(words);
        }}
      />
      <div className="check-row">
        <input
          id={recoveryId}
          type="checkbox"
          checked={withRecovery}
          onChange={(event) => setWithRecovery(event.target.checked)}
        />
        <div>
          <label htmlFor={recoveryId}>{t('firstRun.recoveryOption')}</label>
          <p className="hint">{t('firstRun.recoveryOptionHint')}</p>
        </div>
      </div>
      {error && <ErrorMessage error={error} />}
      <div className="actions">
        <button type="button" className="button-secondary" onClick={onBack} disabled={busy}>
          {t('common:actions.back')}
        </button>
        <button type="submit" className="button-primary" disabled={!canCreate}>
          {busy ? t('firstRun.creating') : t('firstRun.create')}
        </button>
      </div>
      {busy && (
        // Main measures Argon2id on this computer before the first derivation: seconds of waiting
        // that deserve a word on what they buy.
        <div className="preparing" role="status">
          <p className="preparing-title">{t('firstRun.preparingProtection')}</p>
          <p className="hint">{t('firstRun.preparingProtectionHint')}</p>
          <div className="progress" role="progressbar" aria-label={t('firstRun.creating')} />
        </div>
      )}
    </form>
  );
}

function RecoveryStep({ groups, onNext }: { groups: string[]; onNext: () => void }): ReactElement {
  const { t } = useTranslation('vault');
  return (
    <>
      <h1 tabIndex={-1}>{t('firstRun.recoveryTitle')}</h1>
      <RecoveryCodeShown groups={groups} onConfirmed={onNext} />
    </>
  );
}
