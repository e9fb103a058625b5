import { settingsPatchSchema, settingsSchema } from '../settings';
import { channel } from './channelSpec';
import { empty } from './limits';

export const settingsChannels = {
  'settings:get': channel(empty(), settingsSchema),
  'settings:update': channel(settingsPatchSchema, settingsSchema),
} as const;
