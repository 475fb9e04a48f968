// Reads a JSON request body with a hard size cap (413 before parsing) and validates it with a zod schema.
import type { z } from 'zod';
import { ApiError, invalidRequest } from '../errors';

async function readCapped(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ApiError('INVALID_REQUEST', 'Body is not valid UTF-8');
  }
}

const tooLarge = (maxBytes: number) =>
  new ApiError('CONTENT_TOO_LARGE', `Body is larger than ${maxBytes} bytes (MAX_BODY_BYTES)`);

function assertJsonContentType(request: Request): void {
  const type = request.headers.get('content-type');
  if (type && !/^application\/(.+\+)?json\b/i.test(type.trim())) {
    throw new ApiError('INVALID_REQUEST', 'Content-Type must be application/json');
  }
}

/** Parses and validates the body; an empty body counts as `{}` when `allowEmpty` is set. */
export async function readJsonBody<T extends z.ZodType>(
  request: Request,
  schema: T,
  options: { maxBytes: number; allowEmpty?: boolean },
): Promise<z.infer<T>> {
  assertJsonContentType(request);
  const text = await readCapped(request, options.maxBytes);
  let value: unknown;
  if (text.trim() === '' && options.allowEmpty) value = {};
  else {
    try {
      value = JSON.parse(text);
    } catch {
      throw new ApiError('INVALID_REQUEST', 'Body is not valid JSON', { issues: [{ path: '', message: 'Body is not valid JSON' }] });
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidRequest(parsed.error);
  return parsed.data;
}
