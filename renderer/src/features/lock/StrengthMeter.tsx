import type { ReactElement } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../shared/ipc/contract';
import { api, unwrap } from '../../ipc/tikho';

export type Strength = ResponseOf<'vault:checkPassphrase'>;

/** Strength in words, from the same estimator main uses to refuse very weak passphrases. */
export function StrengthMeter({
  passphrase,
  onStrength,
  id,
}: {
  passphrase: string;
  onStrength?: (strength: Strength | null) => void;
  id?: string;
}): ReactElement {
  const { t } = useTranslation('vault');
  const [latest, setLatest] = useState<Strength | null>(null);
  // A cleared field shows no verdict at once, without waiting for main.
  const strength = passphrase ? latest : null;

  useEffect(() => {
    let current = true;
    if (!passphrase) {
      onStrength?.(null);
      return;
    }
    const timer = setTimeout(() => {
      void unwrap(api().vault.checkPassphrase({ passphrase }))
        .then((result) => {
          if (!current) return;
          setLatest(result);
          onStrength?.(result);
        })
        // Main answers only the newest check (latest wins) and refuses the older ones still
        // waiting; the newer call brings the verdict, so a refusal here shows nothing.
        .catch(() => undefined);
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [passphrase, onStrength]);

  const verdict = strength?.verdict;
  return (
    <div className="strength" id={id} aria-live="polite">
      <div className="strength-bar" data-verdict={verdict ?? 'empty'} aria-hidden="true">
        {[0, 1, 2, 3].map((i) => (
          <span key={i} className={strength && strength.score > i ? 'on' : ''} />
        ))}
      </div>
      <span className="strength-text">
        {t('strength.label')}: {verdict ? t(`strength.${verdict}`) : t('strength.empty')}
      </span>
    </div>
  );
}
