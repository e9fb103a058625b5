import type { ReactElement } from 'react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldsForCategory, optionLabelKey } from '../../../../shared/contact/forms';
import type { RequestCategory } from '../../../../shared/contact/categories';
import { MAX_CONTACT_PASTE_CHARS } from '../../../../shared/ipc/contact';
import type { ReplySummary } from '../../../../shared/ipc/contact';
import { UiError } from '../../ipc/tikho';
import { formatDateTime } from '../../ui/dates';
import { isolatedName } from '../../../../shared/text/externalName';

/** The service's label keys start with `contact.`, which is this screen's namespace. */
export function labelKey(serviceKey: string): string {
  return serviceKey.startsWith('contact.') ? serviceKey.slice('contact.'.length) : serviceKey;
}

/** A team's verification state: colour AND words, on every screen that uses the team. */
export function VerificationBadge({ verified }: { verified: boolean }): ReactElement {
  const { t } = useTranslation('contact');
  return (
    <span className={verified ? 'badge badge-verified' : 'badge badge-unverified'}>
      {verified ? t('badge.verified') : t('badge.unverified')}
    </span>
  );
}

/** Who signed a reply, in words; a bad signature never gets here (it is an error instead). */
export function SignerBadge({ signer }: { signer: ReplySummary['signer'] }): ReactElement {
  const { t } = useTranslation('contact');
  const tone =
    signer.status === 'verified'
      ? 'badge badge-verified'
      : signer.status === 'known-unverified'
        ? 'badge badge-unverified'
        : 'badge badge-danger';
  return (
    <span className={tone}>
      {t(`signer.${signer.status}`, { team: isolatedName(signer.teamName ?? '') })}
    </span>
  );
}

/** Fingerprints in groups of four, large monospace, to compare aloud or against paper. */
export function Fingerprint({ groups, label }: { groups: string[]; label?: string }): ReactElement {
  const { t } = useTranslation('contact');
  return (
    <div className="fingerprint" role="group" aria-label={label ?? t('fingerprint.label')}>
      {groups.map((group, index) => (
        <span key={index} className="fingerprint-group">
          {group}
        </span>
      ))}
    </div>
  );
}

export function useDateFormat(): (iso: string) => string {
  const { i18n } = useTranslation();
  return (iso) => formatDateTime(i18n.language, iso);
}

/**
 * The plain-text review, laid out like the readable part main writes into the ciphertext
 * (electron/services/pgp/requestText.ts), so what the person reviews is what the team reads.
 */
export function useReadableText(): (
  category: RequestCategory,
  fields: Record<string, string>,
  text: string,
) => string {
  const { t } = useTranslation('contact');
  return (category, fields, text) => {
    const lines: string[] = [`${t('request.title')}: ${t(`category.${category}`)}`, ''];
    for (const field of fieldsForCategory(category)) {
      const value = fields[field.key];
      if (value === undefined || value.trim() === '') continue;
      const shown = field.kind === 'select' ? t(labelKey(optionLabelKey(field.key, value))) : value;
      if (field.kind === 'textarea') lines.push(`${t(labelKey(field.labelKey))}:`, shown, '');
      else lines.push(`${t(labelKey(field.labelKey))}: ${shown}`);
    }
    if (text.trim() !== '') lines.push('', `${t('field.text')}:`, text);
    return lines.join('\n').trim();
  };
}

/**
 * "Open a file…": read in the renderer (it never gets a path), size-checked before reading so a
 * huge file gets the specific "too large" message instead of freezing the window.
 */
export function FileOpenButton({
  label,
  onText,
  onError,
  maxBytes = MAX_CONTACT_PASTE_CHARS,
  tooLargeCode = 'pgp/input-too-large',
}: {
  label: string;
  onText: (text: string) => void;
  onError: (error: UiError) => void;
  maxBytes?: number;
  tooLargeCode?: string;
}): ReactElement {
  const input = useRef<HTMLInputElement>(null);
  const read = async (file: File): Promise<void> => {
    if (file.size > maxBytes) {
      onError(new UiError({ code: tooLargeCode, params: {} }));
      return;
    }
    onText(await file.text());
  };
  return (
    <>
      <button type="button" className="button-secondary" onClick={() => input.current?.click()}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        accept=".asc,.txt,.gpg,.pgp,text/plain"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void read(file);
        }}
      />
    </>
  );
}
