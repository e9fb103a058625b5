import * as Toast from '@radix-ui/react-toast';
import type { ReactElement } from 'react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../shared/ipc/contract';
import type { Settings } from '../../../shared/settings';
import { PlaceholderScreen } from '../features/placeholder/PlaceholderScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { Icon } from '../ui/icons';
import type { Section } from './sections';
import { SECTIONS } from './sections';

export interface AppProps {
  info: ResponseOf<'app:bootstrap'>;
  initialSettings: Settings;
}

export function App({ info, initialSettings }: AppProps): ReactElement {
  const { t } = useTranslation();
  const [section, setSection] = useState<Section>('notebook');
  const [settings, setSettings] = useState<Settings>(initialSettings);
  const [toast, setToast] = useState<string | null>(null);
  const mainRef = useRef<HTMLElement>(null);

  const go = useCallback((next: Section) => {
    setSection(next);
    // Move focus to the new screen so keyboard and screen-reader users land on its heading.
    requestAnimationFrame(() => mainRef.current?.querySelector<HTMLElement>('h1')?.focus());
  }, []);

  useEffect(() => {
    document.title = t('appName');
  }, [t]);

  return (
    <Toast.Provider swipeDirection="right" duration={2500}>
      <a className="skip-link" href="#content">
        {t('skipToContent')}
      </a>
      <div className="shell">
        <aside className="sidebar">
          <div className="brand">
            <Icon name="logo" />
            <div>
              <div className="brand-name">{t('appName')}</div>
              <div className="brand-tagline">{t('tagline')}</div>
            </div>
          </div>
          <nav aria-label={t('nav.label')}>
            <ul className="nav-list">
              {SECTIONS.map((name) => (
                <li key={name}>
                  <button
                    type="button"
                    className="nav-item"
                    aria-current={section === name ? 'page' : undefined}
                    onClick={() => go(name)}
                  >
                    <Icon name={name} />
                    <span>{t(`nav.${name}`)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
        </aside>
        <main id="content" ref={mainRef} className="content" tabIndex={-1}>
          {section === 'settings' ? (
            <SettingsScreen
              info={info}
              settings={settings}
              onChange={(next) => {
                setSettings(next);
                setToast(t('settings:saved'));
              }}
            />
          ) : (
            <PlaceholderScreen section={section} />
          )}
        </main>
      </div>
      <Toast.Root className="toast" open={toast !== null} onOpenChange={(open) => !open && setToast(null)}>
        <Toast.Description>{toast}</Toast.Description>
      </Toast.Root>
      <Toast.Viewport className="toast-viewport" />
    </Toast.Provider>
  );
}
