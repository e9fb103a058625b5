import { useCallback, useLayoutEffect, useRef } from 'react';

/**
 * Focus goes back to what opened a dialog when it closes. Radix does this only
 * for its own Trigger; a dialog opened from state sends focus to the page's body, and a
 * keyboard or screen-reader user has to find their place again. The layout effect reads the
 * focused element before Radix moves focus into the dialog (Radix does that in a later effect).
 */
export function useReturnFocus(open: boolean): (event: Event) => void {
  const opener = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    if (open) opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  }, [open]);
  return useCallback((event: Event) => {
    const target = opener.current;
    opener.current = null;
    // An opener that went away (a dialog opened from another dialog) leaves Radix its default.
    if (!target?.isConnected || target === document.body) return;
    event.preventDefault();
    target.focus();
  }, []);
}
