/** The practice service's public face: other services import only this file (scripts/lint/serviceBoundary.js). */
export { practiceDirFor, seedPracticeProfile } from './practiceProfile';
