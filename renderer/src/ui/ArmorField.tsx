import type { ReactElement } from 'react';
import { useId } from 'react';

/**
 * A labelled box for pasting armored text (a key, a card, a message). Spell checking and
 * autocorrect are off: the text is not prose, and some spell checkers send what they check to a
 * service. The hint, when given, is tied to the box so a screen reader reads it with the label.
 */
export function ArmorField({
  id,
  label,
  hint,
  value,
  onChange,
  rows,
  placeholder,
  readOnly = false,
}: {
  id?: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  rows: number;
  placeholder?: string;
  readOnly?: boolean;
}): ReactElement {
  const own = useId();
  const fieldId = id ?? own;
  const hintId = `${fieldId}-hint`;
  return (
    <>
      <label htmlFor={fieldId} className="field-label">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      <textarea
        id={fieldId}
        className="armor-text"
        rows={rows}
        value={value}
        spellCheck={false}
        autoCorrect="off"
        autoCapitalize="off"
        autoComplete="off"
        placeholder={placeholder}
        readOnly={readOnly}
        aria-describedby={hint ? hintId : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </>
  );
}
