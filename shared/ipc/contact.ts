/** The contact domain's channels (`contact:action`) and its main → renderer events. */
export const contactChannels = {} as const;

export const contactEvents = {} as const;
