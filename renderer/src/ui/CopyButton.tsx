import type { ReactElement } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../ipc/tikho';

/**
 * Copies through main, which clears the clipboard after 60 s if it still holds our text; the
 * countdown is visible so the person knows how long the secret sits there.
 */
export function CopyButton({ text, label }: { text: string; label?: string }): ReactElement {
  const { t } = useTranslation();
  const [clearsAt, setClearsAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (clearsAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [clearsAt]);

  useEffect(() => api().events.clipboardCleared(() => setClearsAt(null)), []);

  const secondsLeft = clearsAt === null ? null : Math.max(0, Math.ceil((clearsAt - now) / 1000));
  const copy = async (): Promise<void> => {
    const result = await unwrap(api().clipboard.copy({ text }));
    setNow(Date.now());
    setClearsAt(Date.now() + result.clearsInSeconds * 1000);
  };

  return (
    <span className="copy-button">
      <button type="button" className="button-primary" onClick={() => void copy()}>
        {label ?? t('clipboard.copy')}
      </button>
      {secondsLeft !== null && secondsLeft > 0 && (
        <span className="clipboard-countdown" role="status">
          {t('clipboard.clearsIn', { count: secondsLeft })}{' '}
          <button
            type="button"
            className="button-link"
            onClick={() => void unwrap(api().clipboard.clear({})).then(() => setClearsAt(null))}
          >
            {t('clipboard.clearNow')}
          </button>
        </span>
      )}
    </span>
  );
}
