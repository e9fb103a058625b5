/** The secure-channel domain's channels (`channel:action`) and its main → renderer events. */
export const channelChannels = {} as const;

export const channelEvents = {} as const;
