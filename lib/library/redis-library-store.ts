// The library on the Redis backend: one hash per owner (field = item id, value = the item's JSON), and
// beside it an index from "kind:name" to the id holding that name, under the deployment's key prefix.
import type { Redis } from 'ioredis';
import { defineScript, numberReply, runScript } from '../backends/redis/script-command';
import {
  LIBRARY_MAX_ITEMS,
  parseStoredLibraryItem,
  storedLibraryItem,
  type LibraryItem,
  type LibraryStore,
  type NewLibraryItem,
  type SavedLibraryItem,
} from './schema';

const ADDED = 1;
const REPLACED = 2;

// Replaces the item of the same kind and name, else adds it while the hash holds fewer than the limit:
// the lookup, the check and the writes are one step. Idempotent: the id is chosen before the call, so a
// command ioredis resends after a reconnect finds its item already there and answers "added" (the
// item is stored either way).
const SAVE = defineScript({
  name: 'dispatchLibrarySave',
  keys: ['items', 'names'],
  args: ['id', 'item', 'limit', 'name'],
  reply: numberReply,
  lua: `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return ${ADDED} end
local previous = redis.call('HGET', KEYS[2], ARGV[4])
local replacing = previous and redis.call('HDEL', KEYS[1], previous) == 1
if not replacing and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[2], ARGV[4], ARGV[1])
if replacing then return ${REPLACED} end
return ${ADDED}`,
});

// Removes an item, and its name from the index while the name still points at it.
const REMOVE = defineScript({
  name: 'dispatchLibraryRemove',
  keys: ['items', 'names'],
  args: ['id', 'name'],
  reply: numberReply,
  lua: `
if redis.call('HGET', KEYS[2], ARGV[2]) == ARGV[1] then redis.call('HDEL', KEYS[2], ARGV[2]) end
return redis.call('HDEL', KEYS[1], ARGV[1])`,
});

/** The index field of a piece: kinds hold no ":", so kind and name cannot run into each other. */
const nameKeyOf = (item: NewLibraryItem) => `${item.kind}:${item.name}`;

export class RedisLibraryStore implements LibraryStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private keys(owner: string) {
    return { items: `${this.prefix}library:${owner}`, names: `${this.prefix}library-names:${owner}` };
  }

  async list(owner: string): Promise<LibraryItem[]> {
    const values = Object.values(await this.redis.hgetall(this.keys(owner).items));
    return values
      .map((value) => parseStoredLibraryItem(JSON.parse(value)))
      .filter((item): item is LibraryItem => item !== undefined)
      .sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
  }

  async save(owner: string, item: NewLibraryItem): Promise<SavedLibraryItem | undefined> {
    const stored = storedLibraryItem(item);
    const saved = await runScript(this.redis, SAVE, this.keys(owner), {
      id: stored.id,
      item: JSON.stringify(stored),
      limit: LIBRARY_MAX_ITEMS,
      name: nameKeyOf(item),
    });
    return saved === 0 ? undefined : { item: stored, updated: saved === REPLACED };
  }

  async remove(owner: string, id: string): Promise<boolean> {
    const keys = this.keys(owner);
    const body = await this.redis.hget(keys.items, id);
    if (body === null) return false;
    const item = parseStoredLibraryItem(JSON.parse(body));
    return (await runScript(this.redis, REMOVE, keys, { id, name: item ? nameKeyOf(item) : '' })) > 0;
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
