import { z } from 'zod';

/**
 * The request categories a support team can handle. Stable English identifiers: they travel
 * inside signed contact cards and encrypted requests, so renaming one breaks old cards.
 * The UI label of each is the i18n key `contact.category.<id>`.
 */
export const REQUEST_CATEGORIES = [
  'legal-aid',
  'labour-dispute',
  'deserter-support',
  'political-prisoner-support',
  'asylum-relocation',
  'digital-security-incident',
  'other',
] as const;
export type RequestCategory = (typeof REQUEST_CATEGORIES)[number];

export const requestCategorySchema = z.enum(REQUEST_CATEGORIES);

export function categoryLabelKey(category: RequestCategory): string {
  return `contact.category.${category}`;
}
