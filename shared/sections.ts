/** The shell's sections, in navigation order. Shared: main validates a saved "where you were" against it. */
export const SECTIONS = ['notebook', 'contact', 'channel', 'checklist', 'panic', 'settings'] as const;
export type Section = (typeof SECTIONS)[number];
