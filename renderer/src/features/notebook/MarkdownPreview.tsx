import type { KeyboardEvent, MouseEvent, ReactElement } from 'react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../ui/CopyButton';
import { renderMarkdown } from './renderMarkdown';

/**
 * The note rendered as Markdown, on demand only (a 1 MB note is not re-rendered per keystroke).
 * Links never open: activating one shows its address with a Copy button.
 */
export function MarkdownPreview({ source }: { source: string }): ReactElement {
  const { t } = useTranslation('notes');
  const html = useMemo(() => renderMarkdown(source), [source]);
  const [link, setLink] = useState<string | null>(null);

  const pick = (target: EventTarget): boolean => {
    const anchor = target instanceof Element ? target.closest('a') : null;
    if (!anchor) return false;
    setLink(anchor.getAttribute('data-href'));
    return true;
  };
  const onClick = (event: MouseEvent<HTMLDivElement>): void => {
    if (pick(event.target)) event.preventDefault();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if ((event.key === 'Enter' || event.key === ' ') && pick(event.target)) event.preventDefault();
  };

  return (
    <div className="nb-preview-wrap">
      {link !== null && (
        <div className="nb-link-panel" role="status">
          <p>{t('preview.linkNotOpened')}</p>
          <code className="nb-link-url">{link}</code>
          <div className="nb-link-actions">
            <CopyButton text={link} label={t('preview.copyLink')} />
            <button type="button" className="button-quiet" onClick={() => setLink(null)}>
              {t('preview.closeLink')}
            </button>
          </div>
        </div>
      )}
      {/* Interactive only through the links inside, which carry role=button and tabindex. */}
      {/* eslint-disable-next-line jsx-a11y/no-static-element-interactions -- delegates clicks of the link buttons inside */}
      <div
        className="nb-preview"
        aria-label={t('preview.label')}
        onClick={onClick}
        onKeyDown={onKeyDown}
        // Sanitised by DOMPurify in renderMarkdown (no raw HTML, no remote images, no hrefs).
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </div>
  );
}
