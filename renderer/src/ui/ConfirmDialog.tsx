import * as AlertDialog from '@radix-ui/react-alert-dialog';
import type { ReactElement, ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReturnFocus } from './useReturnFocus';

interface Props {
  title: string;
  /** What exactly will happen; destructive steps name what is destroyed. */
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  tone?: 'danger' | 'primary';
  /** Uncontrolled: the button that opens the dialog. */
  trigger?: ReactElement;
  /** Controlled: open state owned by the caller. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}

/** A destructive or risky step, with a way out (Cancel has the focus by default). */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  tone = 'danger',
  trigger,
  open,
  onOpenChange,
}: Props): ReactElement {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(open ?? false);
  const returnFocus = useReturnFocus(open ?? isOpen);
  return (
    <AlertDialog.Root
      {...(open === undefined ? {} : { open })}
      onOpenChange={(next) => {
        setIsOpen(next);
        onOpenChange?.(next);
      }}
    >
      {trigger && <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger>}
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog" onCloseAutoFocus={returnFocus}>
          <AlertDialog.Title>{title}</AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="dialog-body">{children}</div>
          </AlertDialog.Description>
          <div className="actions">
            <AlertDialog.Cancel asChild>
              <button type="button" className="button-secondary">
                {t('actions.cancel')}
              </button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <button
                type="button"
                className={tone === 'danger' ? 'button-danger' : 'button-primary'}
                onClick={onConfirm}
              >
                {confirmLabel}
              </button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
