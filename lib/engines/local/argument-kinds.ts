// What kind of value a function parameter wants, read from its schema (enum, type, format) and its
// words (name first, then description), and how a piece of a message looks when it is such a value.
// Recognisers look at one chunk (a run of non-space characters) at a time and give up on long chunks,
// so their cost is bounded whatever the message.
import { identifierWords } from '../text/keywords';

export type ArgumentKind =
  | 'enum'
  | 'boolean'
  | 'number'
  | 'email'
  | 'url'
  | 'uuid'
  | 'datetime'
  | 'date'
  | 'month'
  | 'year'
  | 'time'
  | 'phone'
  | 'id'
  | 'place'
  | 'text'
  | 'unsupported';

export type PropertySchema = Record<string, unknown>;

const FORMAT_KINDS: Record<string, ArgumentKind> = {
  email: 'email',
  'idn-email': 'email',
  uri: 'url',
  url: 'url',
  'iri-reference': 'url',
  iri: 'url',
  uuid: 'uuid',
  'date-time': 'datetime',
  date: 'date',
  time: 'time',
};

/** Words that say what a string parameter holds, strongest first within each text. */
const WORD_KINDS: [ArgumentKind, readonly string[]][] = [
  ['email', ['email', 'mail']],
  ['url', ['url', 'uri', 'link', 'website', 'homepage']],
  ['uuid', ['uuid', 'guid']],
  ['phone', ['phone', 'telephone', 'mobile']],
  ['month', ['month']],
  ['year', ['year']],
  ['date', ['date', 'day', 'birthday', 'deadline']],
  ['time', ['time', 'hour']],
  ['id', ['id', 'ids', 'identifier', 'number', 'no', 'code', 'ref', 'reference', 'sku', 'key', 'ticket']],
  [
    'place',
    ['city', 'town', 'country', 'location', 'place', 'destination', 'origin', 'region', 'state', 'name'],
  ],
];

function kindFromWords(text: string, ignored: ReadonlySet<string> = new Set()): ArgumentKind | undefined {
  const words = new Set(
    identifierWords(text)
      .map((word) => word.toLowerCase())
      .filter((word) => !ignored.has(word)),
  );
  return WORD_KINDS.find(([, hints]) => hints.some((hint) => words.has(hint)))?.[0];
}

export function enumOf(schema: PropertySchema): unknown[] | undefined {
  return Array.isArray(schema.enum) ? schema.enum : undefined;
}

export function typeOf(schema: PropertySchema): string | undefined {
  return typeof schema.type === 'string' ? schema.type : undefined;
}

/**
 * `functionWords` are the function's own name words: a description that names the function's subject
 * ("what the email is about" in sendEmail) says nothing about the kind of value.
 */
export function argumentKind(
  name: string,
  schema: PropertySchema,
  functionWords: ReadonlySet<string> = new Set(),
): ArgumentKind {
  if (enumOf(schema)) return 'enum';
  const type = typeOf(schema);
  if (type === 'boolean') return 'boolean';
  if (type === 'number' || type === 'integer') return 'number';
  if (type === 'array' || type === 'object' || type === 'null') return 'unsupported';
  const format = typeof schema.format === 'string' ? FORMAT_KINDS[schema.format] : undefined;
  if (format) return format;
  const description = typeof schema.description === 'string' ? schema.description : '';
  return kindFromWords(name) ?? kindFromWords(description, functionWords) ?? 'text';
}

/** Longer chunks are not values of any typed kind (a URL may be long, nothing else is). */
const MAX_VALUE_LENGTH = 2048;
const MAX_SHORT_VALUE_LENGTH = 64;

const LEADING_PUNCTUATION = new Set('("\'“‘[<{#$€£');
const TRAILING_PUNCTUATION = new Set(')"\'”’]>},.;:!?');

/** A chunk without the punctuation around it: `(INV-5512),` → `INV-5512` (scanned, not a `+$` regex). */
export function trimPunctuation(chunk: string): string {
  if (chunk.length > MAX_VALUE_LENGTH) return '';
  let start = 0;
  let end = chunk.length;
  while (start < end && LEADING_PUNCTUATION.has(chunk[start])) start += 1;
  while (end > start && TRAILING_PUNCTUATION.has(chunk[end - 1])) end -= 1;
  return chunk.slice(start, end);
}

const NUMBER = /^-?\d+(?:[.,]\d+)?$/;
const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;
const SLASH_DATE = /^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$/;
const YEAR_MONTH = /^\d{4}-\d{2}$/;
const TIME = /^\d{1,2}:\d{2}(?::\d{2})?(?:am|pm)?$/i;
const YEAR = /^(?:19|20)\d{2}$/;
const PHONE = /^\+?[\d()-]{7,20}$/;
const ID = /^[\p{L}\p{N}][\p{L}\p{N}_\-/.#]*$/u;

export const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_WORDS = new Set([...MONTHS, ...MONTHS.map((month) => month.slice(0, 3)), 'sept']);

export function isMonthWord(word: string): boolean {
  // Capitalised only: "may" and "march" are also ordinary words.
  return word.length >= 3 && word.length <= 9 && MONTH_WORDS.has(word.toLowerCase()) && /^\p{Lu}/u.test(word);
}

export const isNumberText = (value: string) => NUMBER.test(value);
export const parseNumber = (value: string) => Number(value.replace(',', '.'));
export const isYearText = (value: string) => YEAR.test(value);

export function isEmail(value: string): boolean {
  if (value.length > 254) return false;
  const at = value.indexOf('@');
  if (at <= 0 || at !== value.lastIndexOf('@')) return false;
  const domain = value.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  return dot > 0 && dot < domain.length - 1 && !/[\s,;:<>()[\]"]/.test(value);
}

export const isUrl = (value: string) => /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(value);

/** Whether the (trimmed) chunk is a value of the kind; month, place and text are found word by word. */
export function chunkMatches(kind: ArgumentKind, value: string): boolean {
  if (value.length === 0) return false;
  if (kind === 'url') return value.length <= MAX_VALUE_LENGTH && isUrl(value);
  if (value.length > MAX_SHORT_VALUE_LENGTH) return kind === 'email' && isEmail(value);
  switch (kind) {
    case 'number':
      return NUMBER.test(value);
    case 'email':
      return isEmail(value);
    case 'uuid':
      return UUID.test(value);
    case 'datetime':
      return ISO_DATETIME.test(value);
    case 'date':
      return ISO_DATE.test(value) || SLASH_DATE.test(value) || ISO_DATETIME.test(value);
    case 'month':
      return YEAR_MONTH.test(value);
    case 'year':
      return YEAR.test(value);
    case 'time':
      return TIME.test(value);
    case 'phone':
      return PHONE.test(value) && (value.match(/\d/g)?.length ?? 0) >= 7;
    case 'id':
      return isIdLike(value);
    default:
      return false;
  }
}

/**
 * An identifier as people write one: letters and digits with at least one digit (INV-5512, A17, 5512),
 * and not a number with a fraction, a date, a time or an address of another kind.
 */
export function isIdLike(value: string): boolean {
  if (value.length > MAX_SHORT_VALUE_LENGTH || !ID.test(value) || !/\d/.test(value)) return false;
  if (/^\d+[.,]\d+$/.test(value) || /^\d{1,2}$/.test(value)) return false;
  return !(ISO_DATE.test(value) || SLASH_DATE.test(value) || TIME.test(value) || YEAR_MONTH.test(value));
}

/** A short all-capitals word that prefixes an id written with a space: "INV 5512". */
export const isIdPrefix = (word: string) => /^\p{Lu}{2,6}$/u.test(word);
