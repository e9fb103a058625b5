import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { isolatedName, revealName } from '../../../shared/text/externalName';

/**
 * A name from outside (a card, a file, a help contact) shown safely: in its own <bdi> so its
 * direction cannot spill into the badge or fingerprint beside it, hidden characters visible as
 * �, and a word of warning when it hides characters or mixes look-alike alphabets.
 */
export function ExternalName({ name, warn = true }: { name: string; warn?: boolean }): ReactElement {
  const { t } = useTranslation();
  const revealed = revealName(name);
  const warnings = [
    revealed.hidden > 0 ? t('externalName.hidden') : null,
    revealed.mixedScripts ? t('externalName.mixed') : null,
  ].filter((w): w is string => w !== null);
  return (
    <>
      <bdi className="external-name">{revealed.text}</bdi>
      {warn && warnings.length > 0 && <span className="name-warning"> ({warnings.join('; ')})</span>}
    </>
  );
}

/** Shown when a new team's name looks like one the person already keeps (main's skeleton check). */
export function LookalikeWarning({ name, other }: { name: string; other: string }): ReactElement {
  const { t } = useTranslation();
  return (
    <p role="alert" className="alert alert-error" data-warning="lookalike">
      {t('externalName.lookalike', { name: isolatedName(name), other: isolatedName(other) })}
    </p>
  );
}
