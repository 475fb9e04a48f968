// Small HTTP helpers for talking to a running server the way any client would.
export interface SubscribeLine {
  type: 'message';
  id: string;
  data: { type: string; data: Record<string, unknown> };
  /** When the event was stored (ms since the epoch), asked for with `withTimes: true`. */
  at?: number;
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export async function dispatch(
  baseUrl: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<string> {
  const response = await postJson(`${baseUrl}/api/v1/conversation/dispatch`, body, headers);
  if (response.status !== 200)
    throw new Error(`dispatch failed ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { channelId: string }).channelId;
}

/**
 * Reads a subscribe stream line by line; stops early when `onLine` returns false (drops the connection).
 * `url` reads another stream of the same shape (a share link's) instead of the channel's own.
 */
export async function subscribe(
  baseUrl: string,
  channelId: string,
  body: Record<string, unknown> = {},
  options: {
    headers?: Record<string, string>;
    onLine?: (line: SubscribeLine, raw: string) => boolean | void;
    url?: string;
  } = {},
): Promise<{ status: number; lines: SubscribeLine[]; raw: string[] }> {
  const controller = new AbortController();
  const response = await fetch(options.url ?? `${baseUrl}/api/v1/channel/${channelId}/subscribe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: JSON.stringify(body),
    signal: controller.signal,
  });
  const lines: SubscribeLine[] = [];
  const raw: string[] = [];
  if (response.status !== 200 || !response.body) {
    await response.text().catch(() => undefined);
    return { status: response.status, lines, raw };
  }
  const decoder = new TextDecoder();
  let buffered = '';
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const text = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        raw.push(text);
        const line = JSON.parse(text) as SubscribeLine;
        lines.push(line);
        if (options.onLine?.(line, text) === false) {
          controller.abort();
          return { status: response.status, lines, raw };
        }
      }
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  }
  if (buffered.length > 0) raw.push(buffered);
  return { status: response.status, lines, raw };
}

export const eventTypes = (lines: SubscribeLine[]) => lines.map((line) => line.data.type);
export const tokenText = (lines: SubscribeLine[]) =>
  lines
    .filter((line) => line.data.type === 'token')
    .map((line) => String(line.data.data.token))
    .join('');

/** The Authorization header of an API secret. */
export const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

/**
 * Two tenants of one server, alpha and beta (two API secrets, each its own owner): the API_SECRET value
 * that admits both, and each one's Authorization header. `name` keeps one suite's secrets its own.
 */
export function twoTenants(name: string) {
  const alphaSecret = `${name}-alpha-secret-0123456789`;
  const betaSecret = `${name}-beta-secret-9876543210`;
  return { apiSecret: `${alphaSecret},${betaSecret}`, alpha: bearer(alphaSecret), beta: bearer(betaSecret) };
}
