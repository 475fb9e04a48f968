// The builder's library of reusable pieces (functions, datasets, skillsets) over HTTP, on both backends:
// stored per owner and checked with the dispatch schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../support/api-client';
import { BACKENDS, startBackend, type RunningBackend } from '../support/backends';

const ALICE = { authorization: 'Bearer library-alice-secret' };
const BOB = { authorization: 'Bearer library-bob-secret' };
const CAROL = { authorization: 'Bearer library-carol-secret' };

const lookup = {
  kind: 'function',
  name: 'Order lookup',
  piece: {
    name: 'getOrderStatus',
    description: 'Status of an order',
    parameters: { type: 'object', properties: { order: { type: 'integer' } }, required: ['order'] },
    result: { data: { status: 'shipped' } },
  },
};
const faq = {
  kind: 'dataset',
  name: 'FAQ',
  piece: { name: 'FAQ', records: [{ text: 'Opening hours are 9 to 5.' }] },
};
const translator = {
  kind: 'skillset',
  name: 'Translator',
  piece: {
    abilities: [{ name: 'translate', description: 'Translate text', instruction: 'Translate politely.' }],
  },
};

async function listLibrary(url: string, headers: Record<string, string>) {
  const response = await fetch(`${url}/api/library`, { headers });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: { id: string; kind: string; name: string; piece: unknown }[] })
    .items;
}

describe.each(BACKENDS)('%s backend: the library', (backendName) => {
  let backend: RunningBackend;
  beforeAll(async () => {
    backend = await startBackend(backendName, { API_SECRET: 'library-alice-secret,library-bob-secret,library-carol-secret' });
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it('stores functions, datasets and skillsets per owner, newest first, exactly as sent', async () => {
    for (const piece of [lookup, faq, translator]) {
      const response = await postJson(`${backend.url}/api/library`, piece, ALICE);
      expect(response.status).toBe(200);
    }
    const items = await listLibrary(backend.url, ALICE);
    expect(items.map(({ kind, name, piece }) => ({ kind, name, piece }))).toEqual([translator, faq, lookup]);
    expect(await listLibrary(backend.url, BOB)).toEqual([]);
  });

  it('saving a piece of the same kind and name again replaces it, newest first, rather than adding a second', async () => {
    const first = await postJson(`${backend.url}/api/library`, lookup, CAROL);
    expect(first.status).toBe(200);
    expect(((await first.json()) as { updated: boolean }).updated).toBe(false);
    // A dataset of the same name is another piece.
    const sameNameDataset = { ...faq, name: lookup.name };
    expect((await postJson(`${backend.url}/api/library`, sameNameDataset, CAROL)).status).toBe(200);

    const changed = { ...lookup, piece: { ...lookup.piece, description: 'Status and delivery date of an order' } };
    const again = await postJson(`${backend.url}/api/library`, changed, CAROL);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { updated: boolean }).updated).toBe(true);

    const items = await listLibrary(backend.url, CAROL);
    expect(items.map(({ kind, name, piece }) => ({ kind, name, piece }))).toEqual([changed, sameNameDataset]);

    // Once deleted, the name is free: saving it again adds it.
    await fetch(`${backend.url}/api/library/${items[0].id}`, { method: 'DELETE', headers: CAROL });
    const afterDelete = await postJson(`${backend.url}/api/library`, lookup, CAROL);
    expect(((await afterDelete.json()) as { updated: boolean }).updated).toBe(false);
    expect((await listLibrary(backend.url, CAROL)).map(({ kind, name }) => ({ kind, name }))).toEqual([
      { kind: 'function', name: lookup.name },
      { kind: 'dataset', name: lookup.name },
    ]);
  });

  it("refuses a piece the dispatch schema refuses, with the field's path, and stores nothing", async () => {
    const before = await listLibrary(backend.url, ALICE);
    const bad = {
      ...lookup,
      piece: {
        ...lookup.piece,
        name: 'my function',
        parameters: { type: 'object', properties: { 'my param': {} } },
      },
    };
    const response = await postJson(`${backend.url}/api/library`, bad, ALICE);
    expect(response.status).toBe(400);
    const paths = ((await response.json()) as { issues: { path: string }[] }).issues.map(
      (issue) => issue.path,
    );
    expect(paths).toEqual(expect.arrayContaining(['piece.name', 'piece.parameters.properties.my param']));
    expect(await listLibrary(backend.url, ALICE)).toEqual(before);
  });

  it('refuses a piece larger than 256 KiB with 413 and stores nothing', async () => {
    const before = await listLibrary(backend.url, ALICE);
    const records = Array.from({ length: 40 }, (_, index) => ({ text: `${index} ${'x'.repeat(8_000)}` }));
    const response = await postJson(
      `${backend.url}/api/library`,
      { kind: 'dataset', name: 'Too big', piece: { records } },
      ALICE,
    );
    expect(response.status).toBe(413);
    expect(await listLibrary(backend.url, ALICE)).toEqual(before);
  });

  it('lets only the owner delete a piece', async () => {
    const [newest] = await listLibrary(backend.url, ALICE);
    const asBob = await fetch(`${backend.url}/api/library/${newest.id}`, { method: 'DELETE', headers: BOB });
    expect(asBob.status).toBe(404);
    expect((await listLibrary(backend.url, ALICE)).map((item) => item.id)).toContain(newest.id);
    const asAlice = await fetch(`${backend.url}/api/library/${newest.id}`, {
      method: 'DELETE',
      headers: ALICE,
    });
    expect(asAlice.status).toBe(200);
    expect((await listLibrary(backend.url, ALICE)).map((item) => item.id)).not.toContain(newest.id);
  });

  it('needs the secret like every other API', async () => {
    expect((await fetch(`${backend.url}/api/library`)).status).toBe(401);
  });
});
