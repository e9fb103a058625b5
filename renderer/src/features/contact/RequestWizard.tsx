import * as Switch from '@radix-ui/react-switch';
import type { ReactElement } from 'react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestCategory } from '../../../../shared/contact/categories';
import type { FieldDescriptor } from '../../../../shared/contact/forms';
import { fieldsForCategory, optionLabelKey } from '../../../../shared/contact/forms';
import type { OwnKeySummary, RequestSummary, TeamSummary } from '../../../../shared/ipc/contact';
import { api, unwrap } from '../../ipc/tikho';
import { CopyButton } from '../../ui/CopyButton';
import { DraftKept } from '../../ui/DraftKept';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useAction';
import { labelKey, useReadableText, VerificationBadge } from './parts';
import { TeamChannels } from './TeamsPanel';
import { isolatedName } from '../../../../shared/text/externalName';
import { ExternalName } from '../../ui/ExternalName';

export const STEPS = ['team', 'need', 'form', 'review', 'result'] as const;
export type Step = (typeof STEPS)[number];

export interface Draft {
  teamId: string | null;
  category: RequestCategory | null;
  fields: Record<string, string>;
  text: string;
  anonymous: boolean;
}

export const EMPTY_DRAFT: Draft = { teamId: null, category: null, fields: {}, text: '', anonymous: false };

/** Sensible answers preset so a frightened person has fewer choices to make. */
const PRESETS: Record<string, string> = { urgency: 'normal', replyVia: 'same-channel' };

interface Props {
  teams: TeamSummary[];
  ownKey: OwnKeySummary | null;
  draft: Draft;
  setDraft: (update: (draft: Draft) => Draft) => void;
  step: Step;
  setStep: (step: Step) => void;
  result: RequestSummary | null;
  setResult: (request: RequestSummary | null) => void;
  onComposed: () => Promise<void>;
  onOwnKeyChanged: (key: OwnKeySummary) => void;
  openTeams: () => void;
  openThread: (requestId: string) => void;
  notify: (message: string) => void;
}

/** The short wizard of ux.md: team → what you need → the form → review → encrypt → result. */
export function RequestWizard(props: Props): ReactElement {
  const { t } = useTranslation('contact');
  const { step, teams, draft } = props;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const team = teams.find((candidate) => candidate.teamId === draft.teamId) ?? null;
  const first = useRef(true);

  useEffect(() => {
    // Each step moves focus to its heading so keyboard and screen-reader users follow along.
    if (first.current) {
      first.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  const index = STEPS.indexOf(step);
  return (
    <div className="contact-panel">
      <ol className="wizard-steps" aria-label={t('wizard.progress')}>
        {STEPS.map((name, position) => (
          <li
            key={name}
            aria-current={name === step ? 'step' : undefined}
            className={position < index ? 'done' : undefined}
          >
            {t(`wizard.step.${name}`)}
          </li>
        ))}
      </ol>
      <div className="card">
        <h2 ref={headingRef} tabIndex={-1}>
          {t(`wizard.heading.${step}`)}
        </h2>
        {team && step !== 'team' && (
          <p className="wizard-team">
            {t('wizard.writingTo', { team: isolatedName(team.teamName) })}{' '}
            <VerificationBadge verified={team.verification === 'verified'} />
          </p>
        )}
        {step === 'team' && <TeamStep {...props} />}
        {step === 'need' && team && <NeedStep {...props} team={team} />}
        {step === 'form' && draft.category && <FormStep {...props} category={draft.category} />}
        {step === 'review' && team && draft.category && (
          <ReviewStep {...props} team={team} category={draft.category} />
        )}
        {step === 'result' && props.result && team && (
          <ResultStep {...props} team={team} request={props.result} />
        )}
      </div>
    </div>
  );
}

function TeamStep({ teams, draft, setDraft, setStep, openTeams }: Props): ReactElement {
  const { t } = useTranslation('contact');
  const chosen = teams.find((team) => team.teamId === draft.teamId);
  if (teams.length === 0) {
    return (
      <>
        <p>{t('wizard.noTeams')}</p>
        <div className="actions actions-start">
          <button type="button" className="button-primary" onClick={openTeams}>
            {t('wizard.addTeam')}
          </button>
        </div>
      </>
    );
  }
  return (
    <>
      <fieldset className="field-group plain-fieldset">
        <legend className="visually-hidden">{t('wizard.heading.team')}</legend>
        <div className="choice-column">
          {teams.map((team) => (
            <label key={team.teamId} className="choice choice-large">
              <input
                type="radio"
                name="contact-team"
                checked={draft.teamId === team.teamId}
                onChange={() =>
                  setDraft((current) => ({
                    ...current,
                    teamId: team.teamId,
                    category:
                      current.category && team.categories.includes(current.category)
                        ? current.category
                        : null,
                  }))
                }
              />
              <span className="choice-text">
                <ExternalName name={team.teamName} />
              </span>
              <VerificationBadge verified={team.verification === 'verified'} />
            </label>
          ))}
        </div>
      </fieldset>
      {chosen && chosen.verification !== 'verified' && (
        <div className="alert alert-warn">
          <p>{t('wizard.unverifiedWarning', { team: isolatedName(chosen.teamName) })}</p>
          <button type="button" className="button-link" onClick={openTeams}>
            {t('wizard.verifyNow')}
          </button>
        </div>
      )}
      {chosen?.pendingKeyChange && (
        <div className="alert alert-error">
          <p>{t('wizard.keyChangePending', { team: isolatedName(chosen.teamName) })}</p>
          <button type="button" className="button-link" onClick={openTeams}>
            {t('wizard.decideKeyChange')}
          </button>
        </div>
      )}
      <div className="actions">
        <button type="button" className="button-primary" disabled={!chosen} onClick={() => setStep('need')}>
          {t('wizard.next')}
        </button>
      </div>
    </>
  );
}

function NeedStep({ team, draft, setDraft, setStep }: Props & { team: TeamSummary }): ReactElement {
  const { t } = useTranslation('contact');
  return (
    <>
      <p className="hint">{t('wizard.needHint', { team: isolatedName(team.teamName) })}</p>
      <fieldset className="field-group plain-fieldset">
        <legend className="visually-hidden">{t('wizard.heading.need')}</legend>
        <div className="choice-column">
          {team.categories.map((category) => (
            <label key={category} className="choice choice-large">
              <input
                type="radio"
                name="contact-category"
                checked={draft.category === category}
                onChange={() =>
                  setDraft((current) => {
                    const fields: Record<string, string> = {};
                    // Keep what was already typed for fields the new form shares.
                    for (const field of fieldsForCategory(category)) {
                      fields[field.key] = current.fields[field.key] ?? PRESETS[field.key] ?? '';
                    }
                    return { ...current, category, fields };
                  })
                }
              />
              <span className="choice-text">{t(`category.${category}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="actions">
        <button type="button" className="button-secondary" onClick={() => setStep('team')}>
          {t('wizard.back')}
        </button>
        <button
          type="button"
          className="button-primary"
          disabled={draft.category === null}
          onClick={() => setStep('form')}
        >
          {t('wizard.next')}
        </button>
      </div>
    </>
  );
}

function FormStep({
  draft,
  setDraft,
  setStep,
  category,
}: Props & { category: RequestCategory }): ReactElement {
  const { t } = useTranslation('contact');
  const [missing, setMissing] = useState<string[]>([]);
  const textId = useId();
  const fields = fieldsForCategory(category);

  const next = (): void => {
    const empty = fields
      .filter((field) => field.required && (draft.fields[field.key] ?? '').trim() === '')
      .map((field) => field.key);
    setMissing(empty);
    if (empty.length === 0) setStep('review');
  };

  return (
    <>
      <p className="hint">{t('form.hint')}</p>
      {fields.map((field) => (
        <FormField
          key={field.key}
          field={field}
          value={draft.fields[field.key] ?? ''}
          missing={missing.includes(field.key)}
          onChange={(value) =>
            setDraft((current) => ({ ...current, fields: { ...current.fields, [field.key]: value } }))
          }
        />
      ))}
      <div className="field">
        <label htmlFor={textId} className="field-label">
          {t('field.text')} <span className="optional">{t('form.optional')}</span>
        </label>
        <p className="hint">{t('form.textHint')}</p>
        <textarea
          id={textId}
          rows={6}
          maxLength={20_000}
          value={draft.text}
          onChange={(event) => setDraft((current) => ({ ...current, text: event.target.value }))}
        />
      </div>
      {missing.length > 0 && (
        <div className="alert alert-error" role="alert">
          {t('form.missing', { count: missing.length })}
        </div>
      )}
      <DraftKept kind="request" />
      <div className="actions">
        <button type="button" className="button-secondary" onClick={() => setStep('need')}>
          {t('wizard.back')}
        </button>
        <button type="button" className="button-primary" onClick={next}>
          {t('wizard.next')}
        </button>
      </div>
    </>
  );
}

function FormField({
  field,
  value,
  missing,
  onChange,
}: {
  field: FieldDescriptor;
  value: string;
  missing: boolean;
  onChange: (value: string) => void;
}): ReactElement {
  const { t } = useTranslation('contact');
  const id = useId();
  const errorId = useId();
  const common = {
    id,
    'aria-invalid': missing || undefined,
    'aria-describedby': missing ? errorId : undefined,
  };
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {t(labelKey(field.labelKey))}
        {!field.required && (
          <>
            {' '}
            <span className="optional">{t('form.optional')}</span>
          </>
        )}
      </label>
      {field.kind === 'textarea' && (
        <textarea
          {...common}
          rows={5}
          maxLength={field.maxLength}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      {field.kind === 'text' && (
        <input
          {...common}
          type="text"
          maxLength={field.maxLength}
          value={value}
          onChange={(event) => onChange(event.target.value.replace(/[\r\n]/g, ' '))}
        />
      )}
      {field.kind === 'select' && (
        <select {...common} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">{t('form.choose')}</option>
          {(field.options ?? []).map((option) => (
            <option key={option} value={option}>
              {t(labelKey(optionLabelKey(field.key, option)))}
            </option>
          ))}
        </select>
      )}
      {missing && (
        <p id={errorId} className="field-error">
          {t('form.required')}
        </p>
      )}
    </div>
  );
}

function ReviewStep({
  team,
  category,
  draft,
  setDraft,
  setStep,
  ownKey,
  onOwnKeyChanged,
  setResult,
  onComposed,
  openTeams,
}: Props & { team: TeamSummary; category: RequestCategory }): ReactElement {
  const { t } = useTranslation('contact');
  const readable = useReadableText();
  const action = useAction();
  const keyAction = useAction();
  const anonymousId = useId();
  const needsKey = !draft.anonymous && (ownKey === null || ownKey.validity !== 'valid');

  const encrypt = async (): Promise<void> => {
    const fields: Record<string, string> = {};
    for (const field of fieldsForCategory(category)) {
      const value = draft.fields[field.key];
      if (value !== undefined && value !== '') fields[field.key] = value;
    }
    const composed = await action.run(() =>
      unwrap(
        api().contact.compose({
          draft: { teamId: team.teamId, category, fields, text: draft.text, anonymous: draft.anonymous },
        }),
      ),
    );
    // On an error nothing changes here: the draft stays as typed and the message shows beside.
    if (composed) {
      setResult(composed.request);
      setStep('result');
      await onComposed();
    }
  };

  const makeKey = async (): Promise<void> => {
    const made = await keyAction.run(() => unwrap(api().contact.generateOwnKey({})));
    if (made) onOwnKeyChanged(made.key);
  };

  return (
    <>
      <p className="hint">{t('review.hint')}</p>
      <pre className="readable-text" aria-label={t('review.label')}>
        {readable(category, draft.fields, draft.text)}
      </pre>
      {team.verification !== 'verified' && (
        <div className="alert alert-warn">
          <p>{t('wizard.unverifiedWarning', { team: isolatedName(team.teamName) })}</p>
          <button type="button" className="button-link" onClick={openTeams}>
            {t('wizard.verifyNow')}
          </button>
        </div>
      )}

      <div className="panel anonymous-panel">
        <div className="switch-row">
          <Switch.Root
            id={anonymousId}
            className="switch"
            checked={draft.anonymous}
            onCheckedChange={(checked) => setDraft((current) => ({ ...current, anonymous: checked }))}
          >
            <Switch.Thumb className="switch-thumb" />
          </Switch.Root>
          <label htmlFor={anonymousId}>{t('review.anonymous')}</label>
        </div>
        <p className="hint">{draft.anonymous ? t('review.anonymousOn') : t('review.anonymousOff')}</p>
      </div>

      {needsKey && (
        <div className="alert alert-warn">
          <p>{ownKey ? t('review.keyRevoked') : t('review.noKey')}</p>
          <button
            type="button"
            className="button-secondary"
            disabled={keyAction.busy}
            onClick={() => void makeKey()}
          >
            {t('ownKey.make')}
          </button>
          {keyAction.busy && <div className="progress" role="progressbar" aria-label={t('ownKey.working')} />}
          {keyAction.error && <ErrorMessage error={keyAction.error} />}
        </div>
      )}

      {action.error && <ErrorMessage error={action.error} />}
      {action.busy && <div className="progress" role="progressbar" aria-label={t('review.encrypting')} />}
      <div className="actions">
        <button type="button" className="button-secondary" onClick={() => setStep('form')}>
          {t('review.edit')}
        </button>
        <button
          type="button"
          className="button-primary"
          disabled={action.busy || needsKey}
          onClick={() => void encrypt()}
        >
          {t('review.encrypt')}
        </button>
      </div>
    </>
  );
}

function ResultStep({
  team,
  request,
  setDraft,
  setStep,
  setResult,
  onComposed,
  openThread,
  notify,
}: Props & { team: TeamSummary; request: RequestSummary }): ReactElement {
  const { t } = useTranslation('contact');
  const outputId = useId();
  const action = useAction();
  const [current, setCurrent] = useState(request);

  const save = async (): Promise<void> => {
    const saved = await action.run(() => unwrap(api().contact.saveRequest({ requestId: current.id })));
    if (saved?.saved) notify(t('result.saved'));
  };
  const markSent = async (): Promise<void> => {
    const updated = await action.run(() => unwrap(api().contact.markSent({ requestId: current.id })));
    if (updated) {
      setCurrent(updated.request);
      notify(t('result.markedSent'));
      await onComposed();
    }
  };

  return (
    <>
      <p>{t('result.explain', { team: isolatedName(team.teamName) })}</p>
      <label htmlFor={outputId} className="field-label">
        {t('result.output')}
      </label>
      <textarea id={outputId} className="armor-output" readOnly rows={10} value={current.armored} />
      <div className="actions actions-start">
        <CopyButton text={current.armored} label={t('result.copy')} />
        <button type="button" className="button-secondary" disabled={action.busy} onClick={() => void save()}>
          {t('result.save')}
        </button>
      </div>
      {action.error && <ErrorMessage error={action.error} />}

      <h3>{t('result.howToSend')}</h3>
      <p className="hint">{t('result.neverSends')}</p>
      <TeamChannels team={team} withInstructions />

      <div className="actions actions-start">
        {current.status === 'encrypted' ? (
          <button
            type="button"
            className="button-secondary"
            disabled={action.busy}
            onClick={() => void markSent()}
          >
            {t('result.markSent')}
          </button>
        ) : (
          <p role="status">{t(`status.${current.status}`)}</p>
        )}
        <button type="button" className="button-link" onClick={() => openThread(current.id)}>
          {t('result.openThread')}
        </button>
        <button
          type="button"
          className="button-link"
          onClick={() => {
            setDraft(() => EMPTY_DRAFT);
            setResult(null);
            setStep('team');
          }}
        >
          {t('result.another')}
        </button>
      </div>
    </>
  );
}
