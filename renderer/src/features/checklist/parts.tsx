import type { ReactElement, ReactNode } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/settings';
import { LANGUAGES } from '../../../../shared/settings';
import { completion, type Tally } from '../../../../shared/checklist/view';
import { formatCalendarDay, formatToday } from '../../ui/dates';

/** The UI language as one of ours (i18next may report a region tag or a fallback). */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  const base = (i18n.resolvedLanguage ?? i18n.language).slice(0, 2);
  return (LANGUAGES as readonly string[]).includes(base) ? (base as Language) : 'en';
}

/** Calendar dates ("YYYY-MM-DD" from content, or now) in the reader's language. */
export function useDateFormat(lang?: Language): {
  day: (iso: string) => string;
  today: () => string;
} {
  const uiLang = useLanguage();
  const locale = lang ?? uiLang;
  return useMemo(
    () => ({ day: (iso: string) => formatCalendarDay(locale, iso), today: () => formatToday(locale) }),
    [locale],
  );
}

export function Badge({
  tone,
  children,
}: {
  tone: 'neutral' | 'warn' | 'legal' | 'ok' | 'essential';
  children: ReactNode;
}): ReactElement {
  return <span className={`cl-badge cl-badge-${tone}`}>{children}</span>;
}

/** A ring that says its numbers in words too: colour and shape are never the only signal. */
export function ProgressRing({ label, tally }: { label: string; tally: Tally }): ReactElement {
  const { t } = useTranslation('checklist');
  const share = completion(tally);
  const radius = 16;
  const circumference = 2 * Math.PI * radius;
  const applicable = tally.total - tally.na;
  const words = t('progress.ringLabel', { label, done: tally.done, count: applicable });
  return (
    <div className="cl-ring" role="img" aria-label={words} title={words}>
      <svg viewBox="0 0 40 40" aria-hidden="true" focusable="false">
        <circle className="cl-ring-track" cx="20" cy="20" r={radius} />
        {/* A zero-length round-capped stroke would still draw a dot; draw nothing instead. */}
        {share > 0 && (
          <circle
            className="cl-ring-value"
            cx="20"
            cy="20"
            r={radius}
            strokeDasharray={`${share * circumference} ${circumference}`}
            transform="rotate(-90 20 20)"
          />
        )}
      </svg>
      <span className="cl-ring-text" aria-hidden="true">
        <span className="cl-ring-name">{label}</span>
        <span className="cl-ring-count">
          {tally.done}/{applicable}
        </span>
      </span>
    </div>
  );
}

export function ProgressBar({ label, tally }: { label: string; tally: Tally }): ReactElement {
  const { t } = useTranslation('checklist');
  const applicable = tally.total - tally.na;
  return (
    <div className="cl-bar-row">
      <span className="cl-bar-label">{label}</span>
      <progress className="cl-bar" max={Math.max(applicable, 1)} value={tally.done} aria-label={label} />
      <span className="cl-bar-count">{t('progress.doneOf', { done: tally.done, count: applicable })}</span>
    </div>
  );
}

/** A toggle chip: a real button with aria-pressed, so screen readers hear "pressed". */
export function Chip({
  pressed,
  onToggle,
  children,
}: {
  pressed: boolean;
  onToggle: () => void;
  children: ReactNode;
}): ReactElement {
  return (
    <button type="button" className="cl-chip" aria-pressed={pressed} onClick={onToggle}>
      {children}
    </button>
  );
}
