import * as Dialog from '@radix-ui/react-dialog';
import type { KeyboardEvent, ReactElement } from 'react';
import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import type { ItemView } from '../../../../shared/checklist/view';
import { api } from '../../ipc/tikho';
import { useReturnFocus } from '../../ui/useReturnFocus';
import { groupSteps } from './ItemCard';

interface Props {
  title: string;
  items: ItemView[];
  /** Fixed to the workshop's language, which may differ from the app's. */
  t: TFunction;
  lang: string;
  onClose: () => void;
}

/**
 * One screen per slide, large type, ←/→ to move and Esc to leave. Shows content only: no
 * progress, no answers, nothing about the person whose laptop is on the projector.
 */
export function Presentation({ title, items, t, lang, onClose }: Props): ReactElement {
  const [index, setIndex] = useState(0);
  // Leaving the slides puts focus back on "Start presentation", not on the page's body.
  const returnFocus = useReturnFocus(true);
  // Said on the cover only once main has taken the hold, so the sentence is never a promise it did not keep.
  const [held, setHeld] = useState(false);
  useEffect(() => {
    // The slides hold only public checklist text, so the idle lock waits while they are shown
    //; main bounds the hold and still locks on sleep or screen lock.
    let live = true;
    void api()
      .presentation.hold({ active: true })
      .then((result) => live && setHeld(result.ok));
    return () => {
      live = false;
      void api().presentation.hold({ active: false });
    };
  }, []);
  const last = items.length; // slide 0 is the cover
  const move = (delta: number): void => setIndex((i) => Math.min(last, Math.max(0, i + delta)));
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'ArrowRight' || event.key === 'PageDown' || event.key === ' ') {
      event.preventDefault();
      move(1);
    } else if (event.key === 'ArrowLeft' || event.key === 'PageUp') {
      event.preventDefault();
      move(-1);
    }
  };
  const item = index > 0 ? items[index - 1] : undefined;

  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Content
          onCloseAutoFocus={returnFocus}
          className="cl-presentation"
          lang={lang}
          onKeyDown={onKeyDown}
          aria-describedby={undefined}
        >
          <div className="cl-slide" aria-live="polite">
            {item === undefined ? (
              <>
                <p className="eyebrow">{t('workshop.presentationEyebrow')}</p>
                <Dialog.Title className="cl-slide-title">{title}</Dialog.Title>
                <p className="cl-slide-why">{t('workshop.itemsCount', { count: items.length })}</p>
                {held && <p className="hint cl-no-lock">{t('workshop.noAutoLock')}</p>}
              </>
            ) : (
              <>
                <p className="eyebrow">{t('workshop.slideOf', { current: index, total: items.length })}</p>
                <Dialog.Title className="cl-slide-title">{item.title}</Dialog.Title>
                <p className="cl-slide-why">{item.why}</p>
                <div className="cl-slide-steps">
                  {groupSteps(item.steps).map((group) => (
                    <div key={group.platform}>
                      {group.platform !== 'all' && <h3>{t(`platform.${group.platform}`)}</h3>}
                      <ol>
                        {group.texts.map((text, i) => (
                          <li key={i}>{text}</li>
                        ))}
                      </ol>
                    </div>
                  ))}
                </div>
                {item.legalNote !== null && (
                  <p className="cl-legal">
                    <strong>{t('item.legalTitle')}</strong> {item.legalNote}
                  </p>
                )}
              </>
            )}
          </div>
          <nav className="cl-slide-nav" aria-label={t('workshop.slideNav')}>
            <button
              type="button"
              className="button-secondary"
              onClick={() => move(-1)}
              disabled={index === 0}
            >
              ← {t('workshop.previous')}
            </button>
            <span className="hint">{t('workshop.keys')}</span>
            <button
              type="button"
              className="button-secondary"
              onClick={() => move(1)}
              disabled={index === last}
            >
              {t('workshop.next')} →
            </button>
            <Dialog.Close asChild>
              <button type="button" className="button-quiet">
                {t('workshop.exit')}
              </button>
            </Dialog.Close>
          </nav>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
