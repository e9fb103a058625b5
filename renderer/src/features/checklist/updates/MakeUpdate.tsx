import type { ReactElement } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../ipc/tikho';
import { ArmorField } from '../../../ui/ArmorField';
import { CopyButton } from '../../../ui/CopyButton';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { useAction } from '../../../ui/useAction';

const TEMPLATE = `{
  "items": [],
  "retireItems": [],
  "helpContacts": [],
  "retireHelpContacts": []
}`;

/**
 * Desk profile: the team pastes its edited changes (the format in docs/checklist-update-format.md)
 * and gets the signed update to send to the people it supports.
 */
export function MakeUpdate(): ReactElement {
  const { t } = useTranslation('checklist');
  const [draft, setDraft] = useState(TEMPLATE);
  const [made, setMade] = useState<{ text: string; sequence: number } | null>(null);
  const { busy, error, run } = useAction();

  const make = async (): Promise<void> => {
    setMade(null);
    const result = await run(() => unwrap(api().checklist.makeUpdate({ draft })));
    if (result) setMade({ text: result.text, sequence: result.sequence });
  };

  return (
    <section className="card cl-make-update" aria-labelledby="cl-make-update-title">
      <h3 id="cl-make-update-title">{t('updates.make.title')}</h3>
      <p>{t('updates.make.explain')}</p>
      {error && <ErrorMessage error={error} />}
      <ArmorField
        label={t('updates.make.draft')}
        hint={t('updates.make.draftHint')}
        value={draft}
        rows={12}
        onChange={setDraft}
      />
      <div className="actions">
        <button type="button" className="button-primary" disabled={busy} onClick={() => void make()}>
          {t('updates.make.sign')}
        </button>
      </div>
      {made && (
        <>
          <p role="status">{t('updates.make.done', { sequence: made.sequence })}</p>
          <ArmorField
            label={t('updates.make.result')}
            value={made.text}
            rows={8}
            onChange={() => undefined}
          />
          <CopyButton text={made.text} />
        </>
      )}
    </section>
  );
}
