// Answers of the wire API's handlers (lib/server/wire-routes.ts) as plain data: a JSON text or a
// subscription's chunk source, with status and headers. The lean wire server writes them to the socket
// as they are; Next's route handlers (`next dev`) get them as a web Response (toResponse). A web
// Response with its Headers and body stream, and the stream over a subscription, cost a dispatch and a
// subscribe some 0.1–0.2 ms each that the wire server then undid to write the bytes.
import { streamOfChunkSource, type ChunkSource } from '../channel/chunk-source';
import { JSONL_HEADERS } from './jsonl';

export interface LeanAnswer {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: { json: string } | { chunks: ChunkSource };
}

/** What an API handler answers: a web Response, or a lean answer (the wire API's own handlers). */
export type ApiAnswer = Response | LeanAnswer;

export const jsonAnswer = (value: unknown): LeanAnswer => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: { json: JSON.stringify(value) },
});

/** A JSONL stream pulled chunk by chunk (a channel subscription). */
export const chunksAnswer = (chunks: ChunkSource): LeanAnswer => ({
  status: 200,
  headers: { ...JSONL_HEADERS },
  body: { chunks },
});

export const isLeanAnswer = (answer: ApiAnswer): answer is LeanAnswer => !(answer instanceof Response);

export function toResponse(answer: ApiAnswer): Response {
  if (!isLeanAnswer(answer)) return answer;
  const { body } = answer;
  return new Response('json' in body ? body.json : streamOfChunkSource(body.chunks), {
    status: answer.status,
    headers: answer.headers,
  });
}

/** The answer with one header set (a Response whose headers are immutable, a redirect, is copied). */
export function withAnswerHeader<A extends ApiAnswer>(answer: A, name: string, value: string): A {
  if (isLeanAnswer(answer)) {
    answer.headers[name] = value;
    return answer;
  }
  try {
    answer.headers.set(name, value);
    return answer;
  } catch {
    const copy = new Response(answer.body, answer);
    copy.headers.set(name, value);
    return copy as A;
  }
}
