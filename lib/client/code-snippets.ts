// Code that sends the same request to this server: cURL, fetch and the official @chatbotkit/sdk.
import type { DispatchRequest } from '../dispatch/schema';

export interface CodeSnippet {
  id: 'curl' | 'fetch' | 'sdk';
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
  ];
}
