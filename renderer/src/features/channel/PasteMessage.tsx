import type { ChangeEvent, FormEvent, ReactElement } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../shared/ipc/contract';
import { MAX_ARMORED_ENVELOPE_CHARS } from '../../../../shared/channel/channelTypes';
import { api, unwrap } from '../../ipc/tikho';
import { useAction } from '../../ui/useAction';
import { ChannelError } from './ChannelError';
import { ArmorField } from '../../ui/ArmorField';

/** Copy-in: paste (or open) an envelope; main decrypts it and says exactly why if it cannot. */
export function PasteMessage({
  onReceived,
}: {
  onReceived: (received: ResponseOf<'channel:receive'>) => void;
}): ReactElement {
  const { t } = useTranslation('channel');
  const [text, setText] = useState('');
  const action = useAction();

  const receive = async (armored: string): Promise<void> => {
    const received = await action.run(() => unwrap(api().channel.receive({ armored })));
    if (received) {
      setText('');
      onReceived(received);
    }
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void receive(text);
  };
  const openFile = (event: ChangeEvent<HTMLInputElement>): void => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    // Read in the page (no path crosses to main); an oversize file is refused by main's cap.
    void file.text().then((content) => receive(content.slice(0, MAX_ARMORED_ENVELOPE_CHARS + 1)));
  };

  return (
    <form className="card paste-message" onSubmit={submit}>
      <ArmorField
        label={t('paste.label')}
        hint={t('paste.hint')}
        rows={3}
        value={text}
        placeholder="-----BEGIN MESSAGE-----"
        onChange={setText}
      />
      {action.error && <ChannelError error={action.error} />}
      <div className="actions">
        <label className="button-secondary file-button">
          {t('paste.openFile')}
          <input type="file" accept=".tikhomsg,.txt,text/plain" onChange={openFile} />
        </label>
        <button type="submit" className="button-primary" disabled={action.busy || text.trim() === ''}>
          {t('paste.decrypt')}
        </button>
      </div>
    </form>
  );
}
