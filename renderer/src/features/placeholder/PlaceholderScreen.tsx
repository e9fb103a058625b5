import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Section } from '../../app/sections';

/** Screens that later issues fill say what they will hold; they do nothing they cannot do yet. */
export function PlaceholderScreen({ section }: { section: Exclude<Section, 'settings'> }): ReactElement {
  const { t } = useTranslation();
  return (
    <section className="screen" aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>
        {t(`nav.${section}`)}
      </h1>
      <div className="card placeholder">
        <p className="eyebrow">{t('placeholder.comingTitle')}</p>
        <p>{t(`placeholder.${section}`)}</p>
      </div>
    </section>
  );
}
