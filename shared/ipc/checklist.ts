/** The checklist domain's channels (`checklist:action`) and its main → renderer events. */
export const checklistChannels = {} as const;

export const checklistEvents = {} as const;
