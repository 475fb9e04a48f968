// The TypeScript a person copies (the builder's "@chatbotkit/sdk" snippet and the README's) compiles in
// strict mode against the installed SDK's own types, as it would in their project.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { codeSnippets } from '@/lib/client/code-snippets';
import { snippetRequest as request } from './support/snippet-request';

// Inside the project, so that `@chatbotkit/sdk` resolves to the installed package.
const dir = mkdtempSync(path.join(process.cwd(), '.snippet-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The compiler's complaints about `code` as a module of a strict project, one line each. */
function strictProblems(name: string, code: string): string[] {
  const file = path.join(dir, `${name}.ts`);
  writeFileSync(file, code);
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: ['node'],
    skipLibCheck: true,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}


const sdkSnippet = (needsSecret: boolean) =>
  codeSnippets(request, { origin: 'http://127.0.0.1:3000', timezone: 'Europe/Paris', needsSecret }).find(
    (snippet) => snippet.id === 'sdk',
  )?.code ?? '';

describe('TypeScript snippets compile in strict mode against @chatbotkit/sdk', () => {
  it('the builder’s SDK snippet, for a server with a secret', () => {
    expect(strictProblems('with-secret', sdkSnippet(true))).toEqual([]);
  });

  it('the builder’s SDK snippet, for a server without one', () => {
    expect(strictProblems('without-secret', sdkSnippet(false))).toEqual([]);
  });

  it('the README’s SDK example', () => {
    const readme = readFileSync(path.join(process.cwd(), 'README.md'), 'utf8');
    const example = /With the SDK:\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    expect(strictProblems('readme', example ?? '')).toEqual([]);
  });
});

describe('the Python snippet', () => {
  it('writes the request as a Python literal that reads back as the same JSON, awkward text included', () => {
    const awkward = {
      ...request,
      messages: [{ type: 'user' as const, text: 'He said "hi" \\ it\'s ’ok’ 😀\nline\u2028two\ttab' }],
      meta: { flag: true, off: false, nothing: null, empty: {}, none: [], count: 2.5 },
    } as unknown as typeof request;
    const code =
      codeSnippets(awkward, { origin: 'http://127.0.0.1:3000', timezone: 'UTC', needsSecret: false }).find(
        (snippet) => snippet.id === 'python',
      )?.code ?? '';
    const literal = /^payload = ([\s\S]*?)\n\n\ndef /m.exec(code)?.[1];
    expect(literal).toBeDefined();
    const read = execFileSync('python3', ['-c', `import json, sys\npayload = ${literal}\nsys.stdout.write(json.dumps(payload))`], {
      encoding: 'utf8',
    });
    expect(JSON.parse(read)).toEqual(JSON.parse(JSON.stringify(awkward)));
  });
});
