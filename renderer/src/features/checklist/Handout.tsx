import type { ReactElement } from 'react';
import { createPortal } from 'react-dom';
import type { TFunction } from 'i18next';
import type { ItemView } from '../../../../shared/checklist/view';
import type { Language } from '../../../../shared/settings';
import { groupSteps } from './ItemCard';
import { formatToday } from '../../ui/dates';

/**
 * Research L-6: a printed sheet must be safe to be found on someone. Items whose action itself
 * carries legal risk (they have a legal note: VPN how-tos in Russia, handing over a SIM, …) are
 * left out entirely, and the sheet says the rest is in the app. No participant data exists here:
 * the handout is built from content only.
 */
export function handoutItems(items: ItemView[], neutral: boolean): { printed: ItemView[]; withheld: number } {
  const printed = items.filter((item) => item.legalNote === null && !(neutral && namesTheApp(item)));
  return { printed, withheld: items.length - printed.length };
}

/**
 * The app's name as the content writes it. Plain «тихо» is an everyday word ("quietly"), so in
 * Russian and Ukrainian only the quoted name or a capital Т inside a sentence counts.
 */
const APP_NAME = [/tikho/iu, /[«„"“]тихо[»“"”]/iu, /(?<![.!?]\s*|^\s*|\p{L})Тихо(?!\p{L})/u];

function namesTheApp(item: ItemView): boolean {
  return [item.title, item.why, ...item.steps.map((step) => step.text)].some((text) =>
    APP_NAME.some((name) => name.test(text)),
  );
}

interface Props {
  title: string;
  /** A sheet that may be found on someone: no app name, no kicker naming the topic (default). */
  neutral: boolean;
  onNeutralChange: (neutral: boolean) => void;
  items: ItemView[];
  lang: Language;
  t: TFunction;
  printing: boolean;
  onPrint: () => void;
  onClose: () => void;
}

/**
 * Rendered as a direct child of <body> so print CSS can hide everything else (checklist.css);
 * on screen it is a preview sheet with its own toolbar, which print hides.
 */
export function Handout({
  title,
  neutral,
  onNeutralChange,
  items,
  lang,
  t,
  printing,
  onPrint,
  onClose,
}: Props): ReactElement {
  const { printed, withheld } = handoutItems(items, neutral);
  return createPortal(
    <div className="printable handout-sheet" lang={lang} role="region" aria-label={t('handout.preview')}>
      <div className="handout-toolbar">
        <button type="button" className="button-primary" onClick={onPrint} disabled={printing}>
          {t('handout.print')}
        </button>
        <button type="button" className="button-secondary" onClick={onClose}>
          {t('handout.close')}
        </button>
        <span className="hint">{t('handout.toolbarHint')}</span>
        <label className="choice handout-neutral">
          <input
            type="checkbox"
            checked={neutral}
            onChange={(event) => onNeutralChange(event.target.checked)}
          />
          <span>
            {t('handout.neutral')}
            <span className="hint">{t('handout.neutralHint')}</span>
          </span>
        </label>
      </div>
      <article className="handout-page">
        <header className="handout-head">
          {!neutral && <p className="handout-kicker">{t('handout.kicker')}</p>}
          <h1>{neutral ? t('handout.neutralTitle') : title}</h1>
          <p className="handout-date">{t('handout.date', { date: formatToday(lang) })}</p>
        </header>
        <ol className="handout-items">
          {printed.map((item) => (
            <li key={item.id}>
              <h2>{item.title}</h2>
              <p>{item.why}</p>
              {groupSteps(item.steps).map((group) => (
                <div key={group.platform} className="handout-steps">
                  {group.platform !== 'all' && <h3>{t(`platform.${group.platform}`)}</h3>}
                  <ul>
                    {group.texts.map((text, i) => (
                      <li key={i}>{text}</li>
                    ))}
                  </ul>
                </div>
              ))}
            </li>
          ))}
        </ol>
        <footer className="handout-foot">
          {withheld > 0 && (
            <p>{t(neutral ? 'handout.withheldNeutral' : 'handout.withheld', { count: withheld })}</p>
          )}
          <p>{t(neutral ? 'handout.detailsNeutral' : 'handout.detailsInApp')}</p>
          {neutral ? (
            <p>{t('handout.safetyNeutral')}</p>
          ) : (
            <p>
              <strong>{t('handout.safetyTitle')}</strong> {t('handout.safety')}
            </p>
          )}
        </footer>
      </article>
    </div>,
    document.body,
  );
}
