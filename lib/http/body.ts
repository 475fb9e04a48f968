// Reads a JSON request body with a hard size cap (413 before parsing), refuses shapes that could hurt
// the server (deep nesting, `__proto__` keys), and validates it with a zod schema.
import type { z } from 'zod';
import { ApiError, invalidRequest, invalidRequestFor } from '../errors';
import type { ApiRequest } from './api-request';
import { nextLoopTurn } from '../event-loop';
import { getLogger } from '../ops/logger';
import { bodyNotValidJson } from '../json-problem';
import { plainIssues } from '../plain-issues';

/** Deeper JSON is refused: recursive code further on (stringify, engines) must not run out of stack. */
export const MAX_JSON_DEPTH = 64;

async function readCapped(request: ApiRequest, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (request.readBody) return decodeUtf8(await readWhole(request.readBody.bind(request), maxBytes));
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      getLogger().info('the client closed the connection before sending its whole body');
      throw bodyCutOff();
    });
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return decodeUtf8(Buffer.concat(chunks));
}

/** A body read without a web stream (ApiRequest.readBody), with the same refusals as the stream's. */
async function readWhole(
  readBody: NonNullable<ApiRequest['readBody']>,
  maxBytes: number,
): Promise<Uint8Array> {
  const bytes = await readBody(maxBytes).catch(() => {
    getLogger().info('the client closed the connection before sending its whole body');
    throw bodyCutOff();
  });
  if (!bytes) throw tooLarge(maxBytes);
  return bytes;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ApiError('INVALID_REQUEST', 'Body is not valid UTF-8');
  }
}

/** The client went away while sending its body: not a server fault, so it is a 400 (answered to no one) and an info line, not an error. */
const bodyCutOff = () => new ApiError('INVALID_REQUEST', 'The request body was cut off before its end');

const tooLarge = (maxBytes: number) =>
  new ApiError('CONTENT_TOO_LARGE', `Body is larger than ${maxBytes} bytes (MAX_BODY_BYTES)`);

const unsupportedType = () =>
  new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON with Content-Type: application/json');

/**
 * Only JSON bodies are read: a form post or a `no-cors` fetch from another site cannot send one (415).
 * A body without any Content-Type is refused too unless it is empty (an SDK call without parameters).
 */
function assertJsonContentType(request: ApiRequest, text?: string): void {
  const type = request.headers.get('content-type');
  if (type === null) {
    if (text !== undefined && text.trim() !== '') throw unsupportedType();
    return;
  }
  if (!/^application\/(.+\+)?json\s*(;|$)/i.test(type.trim())) throw unsupportedType();
}

const refuse = (path: (string | number)[], message: string) =>
  invalidRequestFor([{ path: path.join('.'), message }]);

/** The keys leading from `root` to `target` (an object inside it); only called to word a refusal. */
function pathTo(root: unknown, target: object): (string | number)[] {
  const pending: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.value === target) return node.path;
    if (node.value === null || typeof node.value !== 'object') continue;
    for (const [key, item] of Object.entries(node.value))
      pending.push({ value: item, path: [...node.path, Array.isArray(node.value) ? Number(key) : key] });
  }
  return [];
}

const isObject = (value: unknown): value is object => value !== null && typeof value === 'object';

/**
 * Walks the parsed body without recursion, refusing nesting deeper than MAX_JSON_DEPTH and `__proto__` keys.
 * Only objects and arrays are visited, on two plain stacks: a 3.5 MB body holds ~100,000 values, and an
 * object allocated per value (with its path) made this walk as long as parsing the body, in one loop turn.
 */
export function assertSafeJson(value: unknown): void {
  const objects: object[] = isObject(value) ? [value] : [];
  const depths: number[] = [0];
  while (objects.length > 0) {
    const current = objects.pop() as object;
    const depth = (depths.pop() as number) + 1;
    if (depth > MAX_JSON_DEPTH)
      throw refuse(pathTo(value, current), `Nested deeper than ${MAX_JSON_DEPTH} levels`);
    if (Array.isArray(current)) {
      for (const item of current)
        if (isObject(item)) {
          objects.push(item);
          depths.push(depth);
        }
      continue;
    }
    for (const key of Object.keys(current)) {
      if (key === '__proto__')
        throw refuse([...pathTo(value, current), key], 'The key __proto__ is not allowed');
      const item = (current as Record<string, unknown>)[key];
      if (isObject(item)) {
        objects.push(item);
        depths.push(depth);
      }
    }
  }
}

const LARGE_BODY_CHARS = 256 * 1024;

export type ValidationResult<T> = { success: true; data: T } | { success: false; error: z.ZodError };

/**
 * Parses and validates the body (problems in plain words, lib/plain-issues.ts); an empty body counts as `{}`
 * when `allowEmpty` is set. `validate` replaces `schema.safeParse` where a large body is validated over
 * several loop turns (parse-in-turns.ts), and words its problems the same way.
 */
export async function readJsonBody<T extends z.ZodType>(
  request: ApiRequest,
  schema: T,
  options: {
    maxBytes: number;
    allowEmpty?: boolean;
    validate?: (value: unknown) => Promise<ValidationResult<z.infer<T>>>;
  },
): Promise<z.infer<T>> {
  assertJsonContentType(request);
  const text = await readCapped(request, options.maxBytes);
  assertJsonContentType(request, text);
  // Each step over a large body takes milliseconds per MB: between them, the loop serves others.
  const yieldIfLarge = text.length > LARGE_BODY_CHARS ? nextLoopTurn : () => undefined;
  // A large body can arrive in one burst and be read to its end in one turn: parsing waits for the next.
  await yieldIfLarge();
  let value: unknown;
  if (text.trim() === '' && options.allowEmpty) value = {};
  else {
    try {
      value = JSON.parse(text);
    } catch (error) {
      const problem = bodyNotValidJson(text, error);
      throw new ApiError('INVALID_REQUEST', problem, { issues: [{ path: '', message: problem }] });
    }
  }
  await yieldIfLarge();
  assertSafeJson(value);
  await yieldIfLarge();
  const parsed = options.validate ? await options.validate(value) : schema.safeParse(value, { error: plainIssues });
  if (!parsed.success) throw invalidRequest(parsed.error);
  await yieldIfLarge(); // what the caller does with it next starts on a turn of its own
  return parsed.data;
}
