import type { ReactElement } from 'react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { formatAccelerator } from '../../../shared/panicShortcut';
import type { Settings } from '../../../shared/settings';
import { ChannelScreen } from '../features/channel/ChannelScreen';
import { ChecklistScreen } from '../features/checklist/ChecklistScreen';
import { ContactScreen } from '../features/contact/ContactScreen';
import { IndexNoticeDialog } from '../features/lock/IndexNoticeDialog';
import { NotebookScreen } from '../features/notebook/NotebookScreen';
import { PanicScreen } from '../features/panic/PanicScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { Icon } from '../ui/icons';
import { DraftsProvider, useDrafts } from './drafts';
import type { ScreenProps } from './screenProps';
import { SessionStateProvider } from './sessionState';
import type { Section } from './sections';
import { SECTIONS } from './sections';

export interface ShellProps {
  info: ResponseOf<'app:bootstrap'>;
  settings: Settings;
  onSettingsChange: (settings: Settings) => void;
  onLock: () => void;
  notify: (message: string) => void;
  /**
   * Where the shell opens: after first run, the checklist's first steps; otherwise the
   * screen the person was on before the lock, or the notebook.
   */
  initialSection?: Section;
}

/** The unlocked app: navigation beside the current screen, with the lock button always in one place. */
export function Shell(props: ShellProps): ReactElement {
  return (
    <SessionStateProvider>
      <DraftsProvider>
        <ShellBody {...props} />
      </DraftsProvider>
    </SessionStateProvider>
  );
}

function ShellBody({
  info,
  settings,
  onSettingsChange,
  onLock,
  notify,
  initialSection,
}: ShellProps): ReactElement {
  const { t, i18n } = useTranslation();
  const drafts = useDrafts();
  const [section, setSection] = useState<Section>(
    () => initialSection ?? drafts.current('place')?.section ?? 'notebook',
  );
  const mainRef = useRef<HTMLElement>(null);

  const go = useCallback(
    (next: Section, focusId?: string) => {
      setSection(next);
      drafts.save('place', { section: next });
      // Move focus to the new screen so keyboard and screen-reader users land on its heading (or
      // on the part a checklist item sent them to).
      requestAnimationFrame(() => {
        const target = focusId ? document.getElementById(focusId) : null;
        const el = target ?? mainRef.current?.querySelector<HTMLElement>('h1');
        el?.focus();
        target?.scrollIntoView({ block: 'start' });
      });
    },
    [drafts],
  );
  // What was typed in the last moments goes to main before the lock request does.
  const lockNow = useCallback(() => {
    void drafts.flush().finally(onLock);
  }, [drafts, onLock]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      // Same accelerator as the app menu, so the harness and the app behave alike.
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.code === 'KeyL') {
        event.preventDefault();
        lockNow();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lockNow]);

  return (
    <>
      <a className="skip-link" href="#content">
        {t('skipToContent')}
      </a>
      <div className="shell">
        <aside className="sidebar">
          <div className="brand">
            {/* Under a disguise the mark and the tagline would give the app away; the name is the disguise's. */}
            {settings.disguise === 'off' && <Icon name="logo" />}
            <div>
              <div className="brand-name">{t('appName')}</div>
              {settings.disguise === 'off' && <div className="brand-tagline">{t('tagline')}</div>}
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
          <button
            type="button"
            className="lock-button"
            onClick={lockNow}
            title={t('vault:lock.lockShortcut', {
              shortcut: formatAccelerator(settings.lockShortcut, info.platform),
            })}
          >
            <Icon name="lock" />
            <span>{t('vault:lock.lockNow')}</span>
          </button>
        </aside>
        <main id="content" ref={mainRef} className="content" tabIndex={-1}>
          {section === 'settings' ? (
            <SettingsScreen
              info={info}
              settings={settings}
              onChange={(next) => {
                onSettingsChange(next);
                // Read at call time: a language change made by this very save must show in the toast.
                notify(i18n.t('settings:saved'));
              }}
              notify={notify}
            />
          ) : (
            <FeatureScreen section={section} props={{ info, settings, notify, go }} />
          )}
        </main>
      </div>
      <IndexNoticeDialog onLock={lockNow} />
    </>
  );
}

function FeatureScreen({
  section,
  props,
}: {
  section: Exclude<Section, 'settings'>;
  props: ScreenProps;
}): ReactElement {
  switch (section) {
    case 'notebook':
      return <NotebookScreen {...props} />;
    case 'contact':
      return <ContactScreen {...props} />;
    case 'channel':
      return <ChannelScreen {...props} />;
    case 'checklist':
      return <ChecklistScreen {...props} />;
    case 'panic':
      return <PanicScreen {...props} />;
  }
}
