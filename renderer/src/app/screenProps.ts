import type { ResponseOf } from '../../../shared/ipc/contract';
import type { Settings } from '../../../shared/settings';
import type { Section } from './sections';

/** What every feature screen receives from the shell. */
export interface ScreenProps {
  info: ResponseOf<'app:bootstrap'>;
  settings: Settings;
  /** Shows a short toast (saved, copied, …). */
  notify: (message: string) => void;
  /**
   * Moves to another section, e.g. from a checklist item to the screen that does it; `focusId`
   * names the part of that screen to scroll to and focus instead of its heading.
   */
  go: (section: Section, focusId?: string) => void;
}
