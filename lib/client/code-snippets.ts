// Code that sends the same request to this server: cURL, fetch, the official @chatbotkit/sdk, and Python
// with its standard library only (nothing to install).
import type { DispatchRequest } from '../dispatch/schema';

export interface CodeSnippet {
  id: 'curl' | 'fetch' | 'sdk' | 'python';
  label: string;
  code: string;
}

export interface SnippetTarget {
  origin: string;
  timezone: string;
  /** Whether the server asks for API_SECRET; without one, the code sends no authorization header. */
  needsSecret: boolean;
}

/** Quotes text for a POSIX shell single-quoted string. */
const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * A JSON value written as a Python literal, indented like JSON.stringify(value, null, 4). A JSON string
 * is also a valid Python string (the same escapes), so strings and keys keep their JSON form.
 */
function pythonLiteral(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value !== 'object') return JSON.stringify(value);
  const inner = '    '.repeat(depth + 1);
  const close = '    '.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => `${inner}${pythonLiteral(item, depth + 1)},`).join('\n')}\n${close}]`;
  }
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${pythonLiteral(item, depth + 1)},`);
  return `{\n${lines.join('\n')}\n${close}}`;
}

/** Python 3, standard library only: dispatch, print where to watch, then print each event as it comes. */
function pythonSnippet(request: DispatchRequest, { origin, timezone, needsSecret }: SnippetTarget): string {
  return [
    `import json`,
    ...(needsSecret ? [`import os`] : []),
    `import urllib.error`,
    `import urllib.request`,
    ``,
    `BASE = ${JSON.stringify(origin)}`,
    `HEADERS = {`,
    `    "content-type": "application/json",`,
    `    "x-timezone": ${JSON.stringify(timezone)},`,
    ...(needsSecret ? [`    "authorization": "Bearer " + os.environ["API_SECRET"],`] : []),
    `}`,
    `payload = ${pythonLiteral(request)}`,
    ``,
    ``,
    `def post(path, body):`,
    `    request = urllib.request.Request(`,
    `        BASE + path, json.dumps(body).encode(), HEADERS, method="POST"`,
    `    )`,
    `    try:`,
    `        return urllib.request.urlopen(request)`,
    `    except urllib.error.HTTPError as error:`,
    `        # The server says what is wrong and where, e.g. "messages.0.text: ...".`,
    `        raise SystemExit(error.read().decode())`,
    ``,
    ``,
    `with post("/api/v1/conversation/dispatch", payload) as response:`,
    `    channel_id = json.load(response)["channelId"]`,
    `print("Live view: " + BASE + "/runs/" + channel_id)`,
    `with post("/api/v1/channel/" + channel_id + "/subscribe", {}) as stream:`,
    `    for line in stream:`,
    `        print(json.loads(line))`,
  ].join('\n');
}

export function codeSnippets(request: DispatchRequest, { origin, timezone, needsSecret }: SnippetTarget): CodeSnippet[] {
  const body = JSON.stringify(request);
  const pretty = JSON.stringify(request, null, 2);
  const indented = pretty.replaceAll('\n', '\n  ');
  const curlAuthorization = needsSecret ? ` -H "authorization: Bearer $API_SECRET"` : '';
  return [
    {
      id: 'curl',
      label: 'cURL',
      // Dispatch, print where to watch the run, then follow it: the whole loop, runnable in sh or bash.
      code: [
        `RESPONSE=$(curl -sS ${origin}/api/v1/conversation/dispatch \\`,
        `  -H 'content-type: application/json' \\`,
        ...(needsSecret ? [`  -H "authorization: Bearer $API_SECRET" \\`] : []),
        `  -H ${shellQuote(`x-timezone: ${timezone}`)} \\`,
        `  -d ${shellQuote(body)})`,
        `CHANNEL=$(printf '%s' "$RESPONSE" | sed -n 's/.*"channelId":"\\([^"]*\\)".*/\\1/p')`,
        `if [ -z "$CHANNEL" ]; then echo "$RESPONSE"; else`,
        `  echo "Live view: ${origin}/runs/$CHANNEL"`,
        `  curl -sS -N -X POST ${origin}/api/v1/channel/$CHANNEL/subscribe \\`,
        `    -H 'content-type: application/json'${curlAuthorization} -d '{}'`,
        `fi`,
      ].join('\n'),
    },
    {
      id: 'fetch',
      label: 'fetch',
      code: [
        `const response = await fetch('${origin}/api/v1/conversation/dispatch', {`,
        `  method: 'POST',`,
        `  headers: {`,
        `    'content-type': 'application/json',`,
        ...(needsSecret ? [`    authorization: \`Bearer \${process.env.API_SECRET}\`,`] : []),
        `    'x-timezone': ${JSON.stringify(timezone)},`,
        `  },`,
        `  body: JSON.stringify(${indented}),`,
        `});`,
        `const { channelId } = await response.json();`,
      ].join('\n'),
    },
    {
      id: 'sdk',
      label: '@chatbotkit/sdk',
      code: [
        `import { ChatBotKit } from '@chatbotkit/sdk';`,
        ``,
        // Strict TypeScript: the environment's value may be missing, and the SDK's secret is a string.
        needsSecret
          ? [
              `const secret = process.env.API_SECRET;`,
              `if (!secret) throw new Error('Set API_SECRET to this server’s API secret');`,
              `const client = new ChatBotKit({ secret, baseUrl: '${origin}' });`,
            ].join('\n')
          : `// This server asks for no secret; the SDK still wants one, so any text will do.\nconst client = new ChatBotKit({ secret: 'none', baseUrl: '${origin}' });`,
        `const { channelId } = await client.conversation.dispatch(null, ${pretty});`,
        `for await (const event of client.channel.subscribe(channelId).stream()) console.log(event);`,
      ].join('\n'),
    },
    { id: 'python', label: 'Python', code: pythonSnippet(request, { origin, timezone, needsSecret }) },
  ];
}
