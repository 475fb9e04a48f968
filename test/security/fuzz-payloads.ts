// Generators of hostile request bodies for the fuzz test: valid payloads with one part mutated,
// random JSON, broken JSON, deep nesting, __proto__ keys, huge strings, invalid UTF-8, wrong content types.
import fc from 'fast-check';

export interface FuzzRequest {
  kind: string;
  body: Uint8Array<ArrayBuffer>;
  contentType?: string;
}

const encoder = new TextEncoder();
const utf8 = (text: string) => encoder.encode(text);

export const VALID_DISPATCHES: Record<string, unknown>[] = [
  { messages: [{ type: 'user', text: 'hello' }] },
  {
    messages: [{ type: 'user', text: 'Please lookupOrder 7', meta: { a: 1 } }],
    functions: [
      {
        name: 'lookupOrder',
        description: 'Look up an order',
        parameters: { type: 'object', properties: { order: { type: 'integer' } }, required: ['order'] },
        result: { data: { status: 'shipped' } },
      },
    ],
    limits: { calls: 2 },
  },
  {
    messages: [{ type: 'user', text: 'opening hours?' }],
    attachments: [{ url: 'https://example.com/a.png' }],
    contactId: { fingerprint: 'fp-1', name: 'Ann' },
    extensions: {
      backstory: 'You are Ava.',
      datasets: [{ name: 'FAQ', records: [{ text: 'Open 9 to 5.' }] }],
      skillsets: [
        { abilities: [{ name: 'greet', description: 'Greets', instruction: 'Say hi', secretId: 'sec_1' }] },
      ],
      features: [{ name: 'search', options: { depth: 1 } }],
    },
    model: 'local',
  },
];

type Path = (string | number)[];

/** Paths to mutate; not below depth 12 (the generators themselves nest far deeper than that). */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object' || prefix.length >= 12) return [prefix];
  const entries = Array.isArray(value)
    ? value.map((item, index) => [index, item] as const)
    : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
}

/** A copy of `root` with the value at `path` replaced (undefined deletes it); only containers on the path are copied. */
function withValueAt(root: unknown, path: Path, replace: (current: unknown) => unknown): unknown {
  if (path.length === 0) return replace(root);
  const [key, ...rest] = path;
  const container = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<
    string | number,
    unknown
  >;
  const next = withValueAt(container[key], rest, replace);
  if (next === undefined) delete container[key];
  else container[key] = next;
  return container;
}

const nested = (depth: number, leaf: unknown): unknown => {
  let value = leaf;
  for (let level = 0; level < depth; level += 1) value = level % 2 ? [value] : { a: value };
  return value;
};

/** What a mutation puts in place of a part of a valid payload. */
const replacement: fc.Arbitrary<(current: unknown) => unknown> = fc.oneof(
  fc.jsonValue().map((value) => () => value),
  fc.anything({ maxDepth: 3 }).map((value) => () => JSON.parse(JSON.stringify(value ?? null))),
  fc.constant(() => undefined),
  fc.integer({ min: 60, max: 3_000 }).map((depth) => () => nested(depth, 'x')),
  fc.integer({ min: 1, max: 300_000 }).map((length) => () => 'x'.repeat(length)),
  fc
    .integer({ min: 1, max: 2_000 })
    .map((length) => () => Array.from({ length }, () => ({ type: 'user', text: 'x' }))),
  fc.constant((current: unknown) =>
    current && typeof current === 'object' ? { ...current, unexpected: true } : current,
  ),
);

const mutatedValid: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    fc.constantFrom(...VALID_DISPATCHES),
    fc.nat(),
    fc.array(replacement, { minLength: 1, maxLength: 3 }),
  )
  .map(([base, pick, replacements]) => {
    let value: unknown = base;
    for (const [index, replace] of replacements.entries()) {
      const paths = pathsOf(value);
      value = withValueAt(value, paths[(pick + index * 7) % paths.length], replace);
    }
    return { kind: 'mutated', body: utf8(JSON.stringify(value) ?? ''), contentType: 'application/json' };
  });

const randomJson: fc.Arbitrary<FuzzRequest> = fc
  .jsonValue({ maxDepth: 6 })
  .map((value) => ({ kind: 'json', body: utf8(JSON.stringify(value)), contentType: 'application/json' }));

const brokenJson: fc.Arbitrary<FuzzRequest> = fc
  .tuple(fc.constantFrom(...VALID_DISPATCHES), fc.nat(), fc.nat(), fc.string({ maxLength: 8 }))
  .map(([base, at, cut, insert]) => {
    const text = JSON.stringify(base);
    const start = at % text.length;
    const broken = text.slice(0, start) + insert + text.slice(start + (cut % 5));
    return { kind: 'broken', body: utf8(broken), contentType: 'application/json' };
  });

const deepNesting: fc.Arbitrary<FuzzRequest> = fc.integer({ min: 64, max: 200_000 }).map((depth) => ({
  kind: 'deep',
  body: utf8(
    depth % 2 ? '['.repeat(depth) + ']'.repeat(depth) : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  ),
  contentType: 'application/json',
}));

const protoKeys: fc.Arbitrary<FuzzRequest> = fc
  .constantFrom(
    '{"__proto__":{"polluted":true},"messages":[{"type":"user","text":"x"}]}',
    '{"messages":[{"type":"user","text":"x","meta":{"__proto__":{"polluted":true}}}]}',
    '{"messages":[{"type":"user","text":"x"}],"functions":[{"name":"f","description":"d","parameters":{"type":"object","properties":{"__proto__":{"type":"string"}}}}]}',
    '{"message":{"__proto__":{"isAdmin":true}}}',
    '{"constructor":{"prototype":{"polluted":true}},"messages":[]}',
  )
  .map((text) => ({ kind: 'proto', body: utf8(text), contentType: 'application/json' }));

const hugeString: fc.Arbitrary<FuzzRequest> = fc.integer({ min: 100_001, max: 1_300_000 }).map((length) => ({
  kind: 'huge',
  body: utf8(JSON.stringify({ messages: [{ type: 'user', text: 'y'.repeat(length) }] })),
  contentType: 'application/json',
}));

const invalidUtf8: fc.Arbitrary<FuzzRequest> = fc
  .tuple(fc.uint8Array({ minLength: 1, maxLength: 6 }), fc.nat())
  .map(([bytes, at]) => {
    const text = utf8(JSON.stringify(VALID_DISPATCHES[0]));
    const position = 10 + (at % (text.length - 12));
    const bad = Uint8Array.from([0xc3, 0x28, 0xff, ...bytes]);
    const body = new Uint8Array(text.length + bad.length);
    body.set(text.slice(0, position));
    body.set(bad, position);
    body.set(text.slice(position), position + bad.length);
    return { kind: 'utf8', body, contentType: 'application/json' };
  });

const randomBytes: fc.Arbitrary<FuzzRequest> = fc
  .uint8Array({ maxLength: 2_000 })
  .map((body) => ({ kind: 'bytes', body, contentType: 'application/json' }));

const wrongContentType: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    fc.constantFrom(...VALID_DISPATCHES),
    fc.constantFrom(
      undefined,
      'text/plain',
      'text/html',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/json; charset=utf-16',
      'application/jsonl',
      'image/png',
      '',
    ),
  )
  .map(([base, contentType]) => ({ kind: 'content-type', body: utf8(JSON.stringify(base)), contentType }));

export const hostileRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  { weight: 6, arbitrary: mutatedValid },
  { weight: 2, arbitrary: randomJson },
  { weight: 2, arbitrary: brokenJson },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: protoKeys },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: invalidUtf8 },
  { weight: 1, arbitrary: randomBytes },
  { weight: 1, arbitrary: wrongContentType },
);
