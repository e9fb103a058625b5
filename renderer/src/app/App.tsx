import * as Toast from '@radix-ui/react-toast';
import type { ReactElement } from 'react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload, ResponseOf } from '../../../shared/ipc/contract';
import type { Settings } from '../../../shared/settings';
import { LockScreen } from '../features/lock/LockScreen';
import { FirstRun } from '../features/onboarding/FirstRun';
import { NewPassphraseAfterRecovery } from '../features/recovery/NewPassphraseAfterRecovery';
import { api, unwrap } from '../ipc/tikho';
import { Shell } from './Shell';

/** `closed`: a panic wipe ended in "quit"; the window shows nothing until it closes. */
type VaultState = ResponseOf<'vault:status'>['state'] | 'closed';
type LockReason = EventPayload<'events:locked'>['reason'];

export interface AppProps {
  info: ResponseOf<'app:bootstrap'>;
  initialSettings: Settings;
  initialVaultState: VaultState;
}

/**
 * The gate: nothing inside the shell is mounted unless main says the vault is unlocked. When
 * main locks (timer, sleep, shortcut), the whole shell unmounts, so every decrypted string held
 * in React state is dropped with it.
 */
export function App({ info, initialSettings, initialVaultState }: AppProps): ReactElement {
  const { t } = useTranslation();
  const [vaultState, setVaultState] = useState<VaultState>(initialVaultState);
  const [lockReason, setLockReason] = useState<LockReason | null>(null);
  const [settings, setSettings] = useState<Settings>(initialSettings);
  // Each notice gets its own id, so the same words said again (a second cancelled wipe) are a new
  // toast with its full six seconds, not the tail of the one already closing.
  const [toast, setToastState] = useState<{ text: string; id: number } | null>(null);
  const toastIds = useRef(0);
  const notify = useCallback((text: string): void => {
    toastIds.current += 1;
    setToastState({ text, id: toastIds.current });
  }, []);
  // First run ends on the checklist's "first steps for you"; later unlocks return to the last screen.
  const [landOnChecklist, setLandOnChecklist] = useState(false);

  useEffect(
    () =>
      api().events.locked(({ reason }) => {
        // A toast says what was just done inside ("… is now verified"): it must not stay on the lock screen.
        setToastState(null);
        setLockReason(reason);
        setVaultState((state) => (state === 'none' || state === 'closed' ? state : 'locked'));
      }),
    [],
  );

  // After a panic wipe main says what is left: nothing (first run), a decoy behind the lock screen, or nothing at all.
  useEffect(
    () =>
      api().events.wiped(({ screen }) => {
        setToastState(null);
        setLockReason(null);
        setVaultState(screen === 'first-run' ? 'none' : screen === 'lock' ? 'locked' : 'closed');
      }),
    [],
  );

  useEffect(() => {
    document.title = t('appName');
  }, [t]);

  const lock = useCallback(() => {
    void unwrap(api().vault.lock({}));
  }, []);

  let screen: ReactElement;
  if (vaultState === 'closed') {
    screen = <main className="center-screen" id="content" />;
  } else if (vaultState === 'none') {
    screen = (
      <FirstRun
        info={info}
        settings={settings}
        onSettingsChange={setSettings}
        onDone={() => {
          setLandOnChecklist(true);
          setVaultState('unlocked');
        }}
      />
    );
  } else if (vaultState === 'locked') {
    screen = (
      <LockScreen
        reason={lockReason}
        onUnlocked={() => {
          setLandOnChecklist(false);
          setLockReason(null);
          // Main says whether this was the recovery code (a new passphrase comes first) or not.
          void unwrap(api().vault.status({})).then(({ state }) => setVaultState(state));
        }}
        onVaultGone={() => {
          setLockReason(null);
          setVaultState('none');
        }}
      />
    );
  } else if (vaultState === 'recovered') {
    screen = (
      <NewPassphraseAfterRecovery
        onLock={lock}
        onDone={() => {
          notify(t('recovery:after.done'));
          setVaultState('unlocked');
        }}
      />
    );
  } else {
    screen = (
      <Shell
        info={info}
        settings={settings}
        onSettingsChange={setSettings}
        onLock={lock}
        notify={notify}
        {...(landOnChecklist ? { initialSection: 'checklist' as const } : {})}
      />
    );
  }

  return (
    // Radix announces toasts as "Notification"; the person hears it in their own language.
    // Six seconds: a confirmation such as "the old passphrase no longer works" is read, not glimpsed,
    // by someone who is nervous or reads slowly (3 s also slipped past a loaded test runner).
    <Toast.Provider swipeDirection="left" duration={6000} label={t('toast.label')}>
      {screen}
      <Toast.Root
        key={toast?.id ?? 0}
        className="toast"
        open={toast !== null}
        onOpenChange={(open) => !open && setToastState(null)}
      >
        <Toast.Description>{toast?.text}</Toast.Description>
      </Toast.Root>
      <Toast.Viewport className="toast-viewport" label={t('toast.region')} />
    </Toast.Provider>
  );
}
