/** The panic domain's channels (`panic:action`) and its main → renderer events. */
export const panicChannels = {} as const;

export const panicEvents = {} as const;
