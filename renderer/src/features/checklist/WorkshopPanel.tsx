import type { ReactElement } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SCENARIOS, type Scenario } from '../../../../shared/checklist/schema';
import { EMPTY_FILTER, filterItems, type ItemView } from '../../../../shared/checklist/view';
import type { ResponseOf } from '../../../../shared/ipc/contract';
import type { Language } from '../../../../shared/settings';
import { LANGUAGES } from '../../../../shared/settings';
import { api, unwrap } from '../../ipc/tikho';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { CopyButton } from '../../ui/CopyButton';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useAction';
import { LANGUAGE_NAMES } from '../settings/languageNames';
import { Handout } from './Handout';
import { Presentation } from './Presentation';

type Capabilities = ResponseOf<'checklist:capabilities'>;
type Audience = 'RU' | 'UA' | 'EX' | 'ALL';
const AUDIENCES: readonly Audience[] = ['RU', 'UA', 'EX', 'ALL'];

interface Props {
  uiLang: Language;
  defaultAudience: Audience;
  /** The ids of the person's current selection on the category tab. */
  selectionIds: string[];
  capabilities: Capabilities | null;
  onExit: () => void;
}

/**
 * Trainer tools: presentation and printable handouts, per scenario or per selection, in any of
 * the three languages; and the practice profile. Nothing here shows or prints progress.
 */
export function WorkshopPanel({
  uiLang,
  defaultAudience,
  selectionIds,
  capabilities,
  onExit,
}: Props): ReactElement {
  const { t, i18n } = useTranslation('checklist');
  const [subject, setSubject] = useState<Scenario | 'selection'>('protest');
  const [lang, setLang] = useState<Language>(uiLang);
  const [audience, setAudience] = useState<Audience>(defaultAudience);
  const [items, setItems] = useState<ItemView[] | null>(null);
  const [showing, setShowing] = useState<'none' | 'presentation' | 'handout'>('none');
  const [neutralSheet, setNeutralSheet] = useState(true);
  const { busy, error, run } = useAction();
  const tl = i18n.getFixedT(lang, 'checklist');

  useEffect(() => {
    void run(async () => setItems((await unwrap(api().checklist.content({ lang }))).items));
  }, [lang, run]);

  const chosen = (items ?? []).filter((item) =>
    subject === 'selection'
      ? selectionIds.includes(item.id)
      : filterItems([item], { ...EMPTY_FILTER, scenario: subject, scope: audience }).length > 0,
  );
  const title = subject === 'selection' ? tl('workshop.selectionTitle') : tl(`scenario.${subject}`);

  const print = async (): Promise<void> => {
    if (capabilities?.printToPdf) {
      const sheetTitle = neutralSheet ? tl('handout.neutralTitle') : title;
      const safeName = `${sheetTitle}.pdf`.replace(/[^\p{L}\p{N} ._-]/gu, '').slice(0, 100) || 'handout.pdf';
      await run(() =>
        unwrap(
          api().checklist.printHandout({ defaultName: safeName.endsWith('.pdf') ? safeName : 'handout.pdf' }),
        ),
      );
    } else {
      window.print();
    }
  };

  return (
    <section className="cl-workshop" aria-labelledby="cl-workshop-title">
      <div className="cl-workshop-head">
        <h2 id="cl-workshop-title">{t('workshop.title')}</h2>
        <button type="button" className="button-secondary" onClick={onExit}>
          {t('workshop.back')}
        </button>
      </div>
      <p className="lede">{t('workshop.intro')}</p>
      {error && <ErrorMessage error={error} />}

      <div className="card">
        <fieldset className="field-group">
          <legend>{t('workshop.subject')}</legend>
          <div className="choice-row cl-wrap">
            {SCENARIOS.map((scenario) => (
              <label key={scenario} className="choice">
                <input
                  type="radio"
                  name="cl-subject"
                  checked={subject === scenario}
                  onChange={() => setSubject(scenario)}
                />
                <span>{t(`scenario.${scenario}`)}</span>
              </label>
            ))}
            <label className="choice">
              <input
                type="radio"
                name="cl-subject"
                checked={subject === 'selection'}
                onChange={() => setSubject('selection')}
              />
              <span>{t('workshop.selection', { count: selectionIds.length })}</span>
            </label>
          </div>
        </fieldset>
        {subject !== 'selection' && (
          <fieldset className="field-group">
            <legend>{t('workshop.audience')}</legend>
            <div className="choice-row cl-wrap">
              {AUDIENCES.map((option) => (
                <label key={option} className="choice">
                  <input
                    type="radio"
                    name="cl-audience"
                    checked={audience === option}
                    onChange={() => setAudience(option)}
                  />
                  <span>{t(`audience.${option}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <fieldset className="field-group">
          <legend>{t('workshop.language')}</legend>
          <div className="choice-row">
            {LANGUAGES.map((option) => (
              <label key={option} className="choice">
                <input
                  type="radio"
                  name="cl-lang"
                  checked={lang === option}
                  onChange={() => setLang(option)}
                />
                <span lang={option}>{LANGUAGE_NAMES[option]}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <p className="hint" role="status">
          {t('workshop.itemsCount', { count: chosen.length })}
        </p>
        <div className="actions">
          <button
            type="button"
            className="button-primary"
            disabled={busy || chosen.length === 0}
            onClick={() => setShowing('presentation')}
          >
            {t('workshop.present')}
          </button>
          <button
            type="button"
            className="button-secondary"
            disabled={busy || chosen.length === 0}
            onClick={() => setShowing('handout')}
          >
            {t('workshop.handout')}
          </button>
        </div>
        <p className="hint">{t('workshop.noPersonalData')}</p>
      </div>

      <PracticeProfile capabilities={capabilities} />

      {showing === 'presentation' && (
        <Presentation title={title} items={chosen} t={tl} lang={lang} onClose={() => setShowing('none')} />
      )}
      {showing === 'handout' && (
        <Handout
          title={title}
          neutral={neutralSheet}
          onNeutralChange={setNeutralSheet}
          items={chosen}
          lang={lang}
          t={tl}
          printing={busy}
          onPrint={() => void print()}
          onClose={() => setShowing('none')}
        />
      )}
    </section>
  );
}

function PracticeProfile({ capabilities }: { capabilities: Capabilities | null }): ReactElement | null {
  const { t } = useTranslation('checklist');
  const { busy, error, run } = useAction();
  const [made, setMade] = useState<ResponseOf<'checklist:resetPractice'> | null>(null);
  if (capabilities?.profile === 'practice')
    return (
      <div className="card panel panel-warn">
        <h3>{t('practice.title')}</h3>
        <p>{t('practice.inside')}</p>
      </div>
    );
  return (
    <div className="card">
      <h3>{t('practice.title')}</h3>
      <p>{t('practice.explain')}</p>
      {error && <ErrorMessage error={error} />}
      {made && (
        <div className="panel panel-ok" role="status">
          <p>{t('practice.ready')}</p>
          <p className="cl-passphrase">
            <span>{t('practice.passphrase')}</span> <code>{made.passphrase}</code>
          </p>
          <CopyButton text={made.passphrase} />
          <p className="hint">{t('practice.folder', { folder: made.folder })}</p>
        </div>
      )}
      <div className="actions">
        <ConfirmDialog
          title={t('practice.confirmTitle')}
          confirmLabel={t('practice.confirmAction')}
          trigger={
            <button type="button" className="button-secondary" disabled={busy}>
              {busy ? t('practice.resetting') : t('practice.reset')}
            </button>
          }
          onConfirm={() => void run(async () => setMade(await unwrap(api().checklist.resetPractice({}))))}
        >
          {t('practice.confirmText')}
        </ConfirmDialog>
        {capabilities?.openPractice === true && (
          <button
            type="button"
            className="button-quiet"
            disabled={busy}
            onClick={() => void run(() => unwrap(api().checklist.openPractice({})))}
          >
            {t('practice.open')}
          </button>
        )}
      </div>
    </div>
  );
}
