import { settingsPatchSchema, settingsSchema } from '../settings';
import { ANY_STATE, channel } from './channelSpec';
import { empty } from './limits';

export const settingsChannels = {
  'settings:get': channel(empty(), settingsSchema, ANY_STATE),
  'settings:update': channel(settingsPatchSchema, settingsSchema, ANY_STATE),
} as const;
