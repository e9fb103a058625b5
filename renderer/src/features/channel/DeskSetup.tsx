import type { FormEvent, ReactElement } from 'react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskDetails, DeskStatus } from '../../../../shared/channel/deskTypes';
import { deskDetailsSchema } from '../../../../shared/channel/deskTypes';
import type { RequestCategory } from '../../../../shared/contact/categories';
import { REQUEST_CATEGORIES } from '../../../../shared/contact/categories';
import { api, unwrap } from '../../ipc/tikho';
import { useAction } from '../../ui/useAction';
import { ChannelError } from './ChannelError';
import { ArmorField } from '../../ui/ArmorField';

type Field = 'teamName' | 'teamId' | 'email' | 'telegramBot' | 'website' | 'categories';

/** Lower-case Latin letters, digits and hyphens, as team ids must be; Cyrillic names need a typed id. */
function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

/** First run at the desk (and editing later): the team's details; the key is made once, here. */
export function DeskSetup({
  initial,
  onSaved,
  onCancel,
}: {
  initial: DeskDetails | null;
  onSaved: (status: DeskStatus) => void;
  onCancel?: () => void;
}): ReactElement {
  const { t } = useTranslation('desk');
  const base = useId();
  const idOf = (name: string): string => `${base}-${name}`;
  const [teamName, setTeamName] = useState(initial?.teamName ?? '');
  const [teamId, setTeamId] = useState(initial?.teamId ?? '');
  const [idTouched, setIdTouched] = useState(initial !== null);
  const [email, setEmail] = useState(initial?.channels.email ?? '');
  const [telegramBot, setTelegramBot] = useState(initial?.channels.telegramBot ?? '');
  const [website, setWebsite] = useState(initial?.channels.website ?? '');
  const [categories, setCategories] = useState<RequestCategory[]>(
    // Nothing pre-ticked: a desk says what it really handles, category by category.
    initial?.categories ?? [],
  );
  const [importKey, setImportKey] = useState('');
  const [keyPassphrase, setKeyPassphrase] = useState('');
  const [invalid, setInvalid] = useState<ReadonlySet<Field>>(new Set());
  const action = useAction();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const candidate = {
      teamId,
      teamName,
      channels: {
        ...(email.trim() ? { email: email.trim() } : {}),
        ...(telegramBot.trim() ? { telegramBot: telegramBot.trim() } : {}),
        ...(website.trim() ? { website: website.trim() } : {}),
      },
      categories,
    };
    const parsed = deskDetailsSchema.safeParse(candidate);
    if (!parsed.success) {
      const fields = new Set<Field>();
      for (const issue of parsed.error.issues) {
        const [first, second] = issue.path;
        fields.add((first === 'channels' ? second : first) as Field);
      }
      setInvalid(fields);
      return;
    }
    setInvalid(new Set());
    const status = await action.run(() =>
      unwrap(
        api().channel.deskSetup({
          details: parsed.data,
          ...(initial === null && importKey.trim()
            ? {
                importKey: {
                  armoredSecret: importKey,
                  ...(keyPassphrase ? { passphrase: keyPassphrase } : {}),
                },
              }
            : {}),
        }),
      ),
    );
    if (status) onSaved(status);
  };

  const text = (
    name: Exclude<Field, 'categories'>,
    value: string,
    onChange: (value: string) => void,
    extra: { type?: string; placeholder?: string } = {},
  ): ReactElement => (
    <div className="field">
      <label htmlFor={idOf(name)} className="field-label">
        {t(`setup.${name}`)}
      </label>
      <input
        id={idOf(name)}
        type={extra.type ?? 'text'}
        value={value}
        placeholder={extra.placeholder}
        aria-invalid={invalid.has(name) || undefined}
        aria-describedby={`${idOf(name)}-hint`}
        onChange={(event) => onChange(event.target.value)}
      />
      <span id={`${idOf(name)}-hint`} className={invalid.has(name) ? 'field-error' : 'hint'}>
        {invalid.has(name) ? t(`setup.invalid.${name}`) : t(`setup.hints.${name}`)}
      </span>
    </div>
  );

  return (
    <form className="card desk-setup" onSubmit={(event) => void submit(event)}>
      <h2>{initial ? t('setup.editTitle') : t('setup.title')}</h2>
      {!initial && <p className="hint">{t('setup.intro')}</p>}
      {text('teamName', teamName, (value) => {
        setTeamName(value);
        if (!idTouched) setTeamId(slugOf(value));
      })}
      {text('teamId', teamId, (value) => {
        setIdTouched(true);
        setTeamId(value);
      })}
      {text('email', email, setEmail, { type: 'email' })}
      {text('telegramBot', telegramBot, setTelegramBot, { placeholder: '@example_help_bot' })}
      {text('website', website, setWebsite, { placeholder: 'https://' })}
      <fieldset className="field categories">
        <legend className="field-label">{t('setup.categories')}</legend>
        {REQUEST_CATEGORIES.map((category) => (
          <label key={category} className="check-row">
            <input
              type="checkbox"
              checked={categories.includes(category)}
              onChange={(event) =>
                setCategories((list) =>
                  event.target.checked ? [...list, category] : list.filter((c) => c !== category),
                )
              }
            />
            {t(`contact:category.${category}`)}
          </label>
        ))}
        {invalid.has('categories') && <span className="field-error">{t('setup.invalid.categories')}</span>}
      </fieldset>
      {!initial && (
        <details className="import-key">
          <summary>{t('setup.importKey')}</summary>
          <p className="hint">{t('setup.importKeyHint')}</p>
          <ArmorField
            id={idOf('key')}
            label={t('setup.secretKey')}
            rows={5}
            value={importKey}
            onChange={setImportKey}
          />
          <label htmlFor={idOf('keyPass')} className="field-label">
            {t('setup.keyPassphrase')}
          </label>
          <input
            id={idOf('keyPass')}
            type="password"
            value={keyPassphrase}
            onChange={(event) => setKeyPassphrase(event.target.value)}
          />
        </details>
      )}
      {action.busy && (
        <p className="hint" role="status">
          {t('setup.working')}
        </p>
      )}
      {action.error && <ChannelError error={action.error} />}
      <div className="actions">
        {onCancel && (
          <button type="button" className="button-secondary" onClick={onCancel}>
            {t('common:actions.cancel')}
          </button>
        )}
        <button type="submit" className="button-primary" disabled={action.busy}>
          {initial ? t('setup.save') : t('setup.create')}
        </button>
      </div>
    </form>
  );
}
