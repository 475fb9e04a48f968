// The benchmark's client side: plain node:http with a shared keep-alive agent, so the client costs
// the same against the app and against the raw anchor and stays cheap with 1,000 open streams.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

/** Wall-clock milliseconds with sub-millisecond resolution, comparable with a server's Date.now(). */
export const epochMs = () => performance.timeOrigin + performance.now();

/** POSTs a JSON body through the shared agent and hands the response to `onResponse`. */
function postWith<T>(
  url: string,
  body: unknown,
  onResponse: (
    response: http.IncomingMessage,
    resolve: (value: T) => void,
    reject: (error: unknown) => void,
  ) => void,
): Promise<T> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        response.on('error', reject);
        onResponse(response, resolve, reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

export function postJson<T>(url: string, body: unknown): Promise<{ status: number; body: T }> {
  return postWith(url, body, (response, resolve, reject) => {
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => (text += chunk));
    response.on('end', () => {
      try {
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as T });
      } catch (error) {
        reject(new Error(`POST ${url} answered ${response.statusCode} with ${text.slice(0, 200)}: ${error}`));
      }
    });
  });
}

export async function dispatchRun(baseUrl: string, body: unknown): Promise<string> {
  const answer = await postJson<{ channelId?: string; message?: string }>(
    `${baseUrl}/api/v1/conversation/dispatch`,
    body,
  );
  if (answer.status !== 200 || !answer.body.channelId) {
    throw new Error(`dispatch answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
  return answer.body.channelId;
}

export const repeatRequest = (tokens: number) => ({ messages: [{ type: 'user', text: `repeat ${tokens}` }] });

/** One received line: its seq, its event type, and when the chunk carrying it arrived (epochMs). */
export type LineHandler = (seq: number, type: string, receivedAt: number, line: string) => void;

const ID_PREFIX = '"id":"';
const TYPE_PREFIX = '"data":{"type":"';

/**
 * Reads a subscribe stream to its end. Lines are picked apart by position (the wire format is
 * fixed: type, id, data) rather than JSON.parse, so the client stays cheap; pass `line` to
 * JSON.parse where full validation matters.
 */
export function readSubscription(
  url: string,
  body: unknown,
  onLine: LineHandler,
): Promise<{ status: number }> {
  return postWith(url, body, (response, resolve) => {
    let buffered = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      const receivedAt = epochMs();
      buffered += chunk;
      let start = 0;
      let newline: number;
      while ((newline = buffered.indexOf('\n', start)) >= 0) {
        const line = buffered.slice(start, newline);
        start = newline + 1;
        const idAt = line.indexOf(ID_PREFIX) + ID_PREFIX.length;
        const seq = Number(line.slice(idAt, line.indexOf('"', idAt)));
        const typeAt = line.indexOf(TYPE_PREFIX) + TYPE_PREFIX.length;
        onLine(seq, line.slice(typeAt, line.indexOf('"', typeAt)), receivedAt, line);
      }
      buffered = buffered.slice(start);
    });
    response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
  });
}

export const subscribeUrl = (baseUrl: string, channelId: string) =>
  `${baseUrl}/api/v1/channel/${channelId}/subscribe`;

/** GETs `url` and resolves with the milliseconds until its answer has been read to the end. */
export function timedGet(url: string, through: http.Agent = agent): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: through }, (response) => {
        response.resume();
        response.on('end', () => resolve(performance.now() - started));
      })
      .on('error', reject);
  });
}
