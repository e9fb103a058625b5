export const SECTIONS = ['notebook', 'contact', 'channel', 'checklist', 'panic', 'settings'] as const;
export type Section = (typeof SECTIONS)[number];
