import { settingsPatchSchema, settingsSchema } from '../settings';
import { ANY_STATE, endpoint } from './endpoint';
import { empty } from './limits';

export const settingsChannels = {
  'settings:get': endpoint(empty(), settingsSchema, ANY_STATE),
  'settings:update': endpoint(settingsPatchSchema, settingsSchema, ANY_STATE),
} as const;
