/** The notes domain's channels (`notes:action`) and its main → renderer events. */
export const notesChannels = {} as const;

export const notesEvents = {} as const;
