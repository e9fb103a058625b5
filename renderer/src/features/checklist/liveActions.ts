import type { LiveCheck } from '../../../../shared/checklist/schema';
import type { Section } from '../../app/sections';
import { RECOVERY_SETTING_ID } from '../recovery/RecoveryCodeSetting';

/**
 * Items the app ticks itself also lead to the place that does them, so an item never asks for
 * something the person cannot find ("make a recovery code in Settings" once led nowhere).
 */
export const LIVE_ACTIONS: Partial<Record<LiveCheck, { section: Section; focusId: string; label: string }>> =
  {
    'recovery-code-created': {
      section: 'settings',
      focusId: RECOVERY_SETTING_ID,
      label: 'recovery:checklistLink',
    },
  };
