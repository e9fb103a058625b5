import type { ReactElement } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../ipc/tikho';
import { useLanguage } from '../checklist/parts';

/** "Suggest a passphrase": words in the UI's language, so they are typed on the layout already on. */
export function SuggestPassphrase({ onUse }: { onUse: (words: string) => void }): ReactElement {
  const { t } = useTranslation('vault');
  const language = useLanguage();
  const [suggestion, setSuggestion] = useState<string | null>(null);
  const suggest = (): void => {
    void unwrap(api().vault.suggestPassphrase({ language })).then((r) => setSuggestion(r.words.join(' ')));
  };
  return (
    <div className="suggestion">
      <button type="button" className="button-secondary" onClick={suggest}>
        {t('firstRun.suggest')}
      </button>
      {suggestion && (
        <div className="suggestion-result">
          <code>{t('firstRun.suggestion', { words: suggestion })}</code>
          <button type="button" className="button-quiet" onClick={() => onUse(suggestion)}>
            {t('firstRun.useSuggestion')}
          </button>
        </div>
      )}
    </div>
  );
}
