import { z } from 'zod';
import { REQUEST_CATEGORIES, type RequestCategory } from './categories';

/**
 * Request forms as data: one descriptor list per category, so the renderer draws every form
 * with one generic component and main validates with the schema built from the same list.
 * Field keys are stable English identifiers (they travel inside the encrypted JSON payload);
 * labels are i18n keys: `contact.field.<key>` and `contact.option.<key>.<value>`.
 */

export type FieldKind = 'text' | 'textarea' | 'select';

export interface FieldDescriptor {
  key: string;
  kind: FieldKind;
  required: boolean;
  /** Maximum length in UTF-16 code units (what a textarea's maxLength counts). */
  maxLength: number;
  /** Only for kind 'select': the allowed values, in display order. */
  options?: readonly string[];
  labelKey: string;
}

/** Caps: a request stays small enough to paste into any messenger and to pad to a bucket. */
export const TEXT_FIELD_MAX = 200;
export const TEXTAREA_FIELD_MAX = 4000;
export const FREE_TEXT_MAX = 20_000;

const text = (key: string, required: boolean, maxLength = TEXT_FIELD_MAX): FieldDescriptor => ({
  key,
  kind: 'text',
  required,
  maxLength,
  labelKey: `contact.field.${key}`,
});
const textarea = (key: string, required: boolean): FieldDescriptor => ({
  key,
  kind: 'textarea',
  required,
  maxLength: TEXTAREA_FIELD_MAX,
  labelKey: `contact.field.${key}`,
});
const select = (key: string, required: boolean, options: readonly string[]): FieldDescriptor => ({
  key,
  kind: 'select',
  required,
  maxLength: 64,
  options,
  labelKey: `contact.field.${key}`,
});

export function optionLabelKey(fieldKey: string, value: string): string {
  return `contact.option.${fieldKey}.${value}`;
}

export const URGENCY_LEVELS = ['low', 'normal', 'urgent'] as const;
export const REPLY_CHANNELS = ['same-channel', 'email', 'telegram', 'signal', 'other'] as const;
const YES_NO = ['yes', 'no'] as const;
const YES_NO_UNSURE = ['yes', 'no', 'unsure'] as const;

/** Every category starts with these: what happened, where, how urgent, how to reply. */
export const COMMON_FIELDS: readonly FieldDescriptor[] = [
  textarea('whatHappened', true),
  text('where', false),
  select('urgency', true, URGENCY_LEVELS),
  select('replyVia', true, REPLY_CHANNELS),
  text('replyContact', false),
];

export const CATEGORY_FIELDS: Readonly<Record<RequestCategory, readonly FieldDescriptor[]>> = {
  'legal-aid': [
    select('repressionKind', true, [
      'detention',
      'search',
      'summons',
      'administrative-case',
      'criminal-case',
      'other',
    ]),
    text('eventDate', false, 40),
    select('hasLawyer', false, YES_NO),
  ],
  'labour-dispute': [
    text('employer', true),
    text('workCountry', false),
    select('unpaidWages', true, YES_NO),
    text('unpaidAmount', false),
    select('documentsHeldByEmployer', true, YES_NO),
  ],
  'deserter-support': [
    select('deserterHelpKind', true, ['legal', 'material', 'integration']),
    text('countryNow', false),
  ],
  'political-prisoner-support': [
    select('prisonerHelpKind', true, ['letters', 'parcels', 'fundraising']),
    text('prisonerName', true),
    text('facility', false),
    text('relationToPrisoner', false),
  ],
  'asylum-relocation': [
    text('countryNow', true),
    text('countryWanted', false),
    select('hasValidPassport', false, YES_NO_UNSURE),
  ],
  'digital-security-incident': [
    select('incidentKind', true, [
      'device-seized',
      'account-compromised',
      'phishing',
      'malware-suspected',
      'surveillance-suspected',
      'other',
    ]),
    text('devicesAffected', false),
  ],
  other: [],
};

export function fieldsForCategory(category: RequestCategory): readonly FieldDescriptor[] {
  return [...COMMON_FIELDS, ...CATEGORY_FIELDS[category]];
}

/**
 * Control characters other than tab and newline are refused: they have no place in a form, and
 * a stray NUL or bidi trick in the readable part would confuse the team reading it in a terminal.
 * Single-line fields also refuse newlines, so a value cannot forge a label line in the text part.
 */
// eslint-disable-next-line no-control-regex -- the point of this pattern is to match control characters
const FORBIDDEN_MULTILINE = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex -- same as above, newlines included
const FORBIDDEN_SINGLE_LINE = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

function fieldSchema(field: FieldDescriptor): z.ZodType<string | undefined> {
  if (field.kind === 'select') {
    const options = field.options ?? [];
    const value = z.string().refine((v) => options.includes(v), { message: 'option' });
    return field.required ? value : value.optional();
  }
  const forbidden = field.kind === 'textarea' ? FORBIDDEN_MULTILINE : FORBIDDEN_SINGLE_LINE;
  const base = z
    .string()
    .max(field.maxLength)
    .refine((v) => !forbidden.test(v), { message: 'control-characters' });
  return field.required ? base.refine((v) => v.trim().length > 0, { message: 'required' }) : base.optional();
}

export type RequestFields = Record<string, string>;

/** The strict schema of one category's fields: unknown keys are refused. */
export function requestFieldsSchema(category: RequestCategory): z.ZodType<RequestFields> {
  const shape: Record<string, z.ZodType<string | undefined>> = {};
  for (const field of fieldsForCategory(category)) {
    shape[field.key] = fieldSchema(field);
  }
  return z
    .object(shape)
    .strict()
    .transform((value) => {
      const out: RequestFields = {};
      for (const [k, v] of Object.entries(value)) {
        if (typeof v === 'string' && v.length > 0) out[k] = v;
      }
      return out;
    });
}

export const freeTextSchema = z
  .string()
  .max(FREE_TEXT_MAX)
  .refine((v) => !FORBIDDEN_MULTILINE.test(v), { message: 'control-characters' });

/** What the renderer sends to main to build a request (validated again in main). */
export const requestDraftSchema = z
  .object({
    teamId: z.string().min(1).max(64),
    category: z.enum(REQUEST_CATEGORIES),
    fields: z.record(z.string().max(64), z.string().max(TEXTAREA_FIELD_MAX)),
    text: z.string().max(FREE_TEXT_MAX),
    anonymous: z.boolean(),
  })
  .strict();
export type RequestDraft = z.infer<typeof requestDraftSchema>;

/** Every i18n key the forms need, for the locale-completeness test of the UI engineer. */
export function allFormI18nKeys(): string[] {
  const keys = new Set<string>();
  for (const category of REQUEST_CATEGORIES) {
    keys.add(`contact.category.${category}`);
    for (const field of fieldsForCategory(category)) {
      keys.add(field.labelKey);
      for (const option of field.options ?? []) keys.add(optionLabelKey(field.key, option));
    }
  }
  return [...keys].sort();
}
