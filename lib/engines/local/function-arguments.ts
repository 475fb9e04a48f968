// Fills a function's parameters from the user's message, deterministically: a value named in the text
// ("city: Paris", "count 3"), else by type (the next number, an enum value mentioned, the message's
// content words) taken from the sentence that is about the function. Only parameters the schema declares
// are filled; ones with nothing to go on stay out.
import type { DispatchFunction } from '../../dispatch/schema';
import { isStopWord, keywords, normaliseWord, plainWords } from '../text/keywords';

type PropertySchema = Record<string, unknown>;

const NUMBER_PATTERN = /-?\d+(?:\.\d+)?/g;

export function deriveArguments(fn: DispatchFunction, message: string): Record<string, unknown> {
  const vocabulary = new Set(
    keywords([fn.name, fn.description, ...Object.keys(fn.parameters.properties)].join(' ')),
  );
  const focus = focusSentence(message, vocabulary);
  const numbers = (focus.match(NUMBER_PATTERN) ?? []).map(Number);
  const subject = subjectOf(focus, vocabulary);
  const args: Record<string, unknown> = {};

  for (const [name, schema] of Object.entries(fn.parameters.properties)) {
    const named = namedValue(message, name);
    const value =
      (named !== undefined ? coerce(named, schema) : undefined) ??
      valueByType(schema, focus, numbers, subject);
    if (value !== undefined) args[name] = value;
  }
  return args;
}

function typeOf(schema: PropertySchema): string | undefined {
  return typeof schema.type === 'string' ? schema.type : undefined;
}

function enumOf(schema: PropertySchema): unknown[] | undefined {
  return Array.isArray(schema.enum) ? schema.enum : undefined;
}

/**
 * The sentence sharing the most words with the function, so "How do refunds work? And the weather in
 * Lisbon?" gives getWeather "Lisbon". The whole message when no sentence shares any.
 */
function focusSentence(message: string, vocabulary: ReadonlySet<string>): string {
  let best = { sentence: message, overlap: 0 };
  for (const sentence of message.split(/[.!?;]+(?=\s|$)|\n+/)) {
    const overlap = keywords(sentence).filter((word) => vocabulary.has(word)).length;
    if (overlap > best.overlap) best = { sentence, overlap };
  }
  return best.sentence;
}

/** The words of the message that say what it is about: no stop words, none of the function's own words. */
function subjectOf(message: string, vocabulary: ReadonlySet<string>): string | undefined {
  const words = plainWords(message).filter(
    (word) => !isStopWord(word) && !vocabulary.has(normaliseWord(word)),
  );
  return words.length > 0 ? words.join(' ') : message.trim() || undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The value written right after the parameter's name: `city Paris`, `city: "New York"`, `count=3`. */
function namedValue(message: string, name: string): string | undefined {
  const pattern = new RegExp(
    `(?:^|[^\\p{L}\\p{N}_])${escapeRegExp(name)}\\s*(?:[:=]|\\bis\\b)?\\s*(?:"([^"]*)"|'([^']*)'|([^\\s,;]+))`,
    'iu',
  );
  const found = pattern.exec(message);
  if (!found) return undefined;
  const value = (found[1] ?? found[2] ?? found[3] ?? '').replace(/[.!?]+$/, '');
  return value && !isStopWord(value) ? value : undefined;
}

function coerce(raw: string, schema: PropertySchema): unknown {
  const options = enumOf(schema);
  if (options) return options.find((option) => String(option).toLowerCase() === raw.toLowerCase());
  switch (typeOf(schema)) {
    case 'number':
    case 'integer': {
      const value = Number(raw);
      if (!Number.isFinite(value)) return undefined;
      return typeOf(schema) === 'integer' ? Math.trunc(value) : value;
    }
    case 'boolean':
      if (/^(true|yes|on)$/i.test(raw)) return true;
      if (/^(false|no|off)$/i.test(raw)) return false;
      return undefined;
    case 'array':
    case 'object':
      return undefined;
    default:
      return raw;
  }
}

function valueByType(
  schema: PropertySchema,
  message: string,
  numbers: number[],
  subject: string | undefined,
): unknown {
  const options = enumOf(schema);
  if (options) {
    const words = new Set(plainWords(message).map((word) => word.toLowerCase()));
    return options.find((option) => words.has(String(option).toLowerCase()));
  }
  switch (typeOf(schema)) {
    case 'number':
      return numbers.shift();
    case 'integer': {
      const value = numbers.shift();
      return value === undefined ? undefined : Math.trunc(value);
    }
    case 'boolean':
    case 'array':
    case 'object':
      return undefined;
    default:
      return subject;
  }
}
