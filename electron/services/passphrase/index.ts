/** The passphrase service's public face: other services import only this file (scripts/lint/serviceBoundary.js). */
export { CYRILLIC_TO_LATIN } from './keyboardLayout';
export { createStrengthChecker } from './strengthChecker';
export type { StrengthChecker } from './strengthChecker';
export { SUGGESTION_LANGUAGES } from './suggestion';
export type { SuggestionLanguage } from './suggestion';
