import type { ReactElement } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../ipc/tikho';
import { CopyButton } from '../../ui/CopyButton';
import { useAction } from '../../ui/useAction';
import { ChannelError } from './ChannelError';

/** An encrypted text ready to hand to any transport: read-only, Copy (with countdown), Save as file. */
export function EncryptedResult({
  text,
  kind,
  title,
  hint,
  notify,
}: {
  text: string;
  kind: 'envelope' | 'card' | 'reply';
  title: string;
  hint: string;
  notify: (message: string) => void;
}): ReactElement {
  const { t } = useTranslation('channel');
  const id = useId();
  const save = useAction();
  const saveFile = async (): Promise<void> => {
    const result = await save.run(() => unwrap(api().channel.saveFile({ kind, text })));
    if (result?.saved) notify(t('result.saved'));
  };
  return (
    <section className="encrypted-result" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <p className="hint">{hint}</p>
      <textarea className="armored" readOnly value={text} rows={8} aria-labelledby={id} spellCheck={false} />
      <div className="actions">
        <CopyButton text={text} />
        <button
          type="button"
          className="button-secondary"
          onClick={() => void saveFile()}
          disabled={save.busy}
        >
          {t('result.save')}
        </button>
      </div>
      {save.error && <ChannelError error={save.error} />}
    </section>
  );
}
