export { SECTIONS } from '../../../shared/sections';
export type { Section } from '../../../shared/sections';
