// The library on the Redis backend: one hash per owner (field = item id, value = the item's JSON),
// under the deployment's key prefix.
import type { Redis } from 'ioredis';
import { defineScript, numberReply, runScript } from '../backends/redis/script-command';
import {
  LIBRARY_MAX_ITEMS,
  parseStoredLibraryItem,
  storedLibraryItem,
  type LibraryItem,
  type LibraryStore,
  type NewLibraryItem,
} from './schema';

// Adds the item only while the hash holds fewer than the limit: the check and the write are one step.
// Idempotent: the id is chosen before the call, so a command ioredis resends after a reconnect finds
// its item already there and answers as the first one did.
const ADD_IF_ROOM = defineScript({
  name: 'dispatchLibraryAddIfRoom',
  keys: ['items'],
  args: ['id', 'item', 'limit'],
  reply: numberReply,
  lua: `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 1 end
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1`,
});

export class RedisLibraryStore implements LibraryStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(owner: string) {
    return `${this.prefix}library:${owner}`;
  }

  async list(owner: string): Promise<LibraryItem[]> {
    const values = Object.values(await this.redis.hgetall(this.key(owner)));
    return values
      .map((value) => parseStoredLibraryItem(JSON.parse(value)))
      .filter((item): item is LibraryItem => item !== undefined)
      .sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
  }

  async add(owner: string, item: NewLibraryItem): Promise<LibraryItem | undefined> {
    const stored = storedLibraryItem(item);
    const added = await runScript(
      this.redis,
      ADD_IF_ROOM,
      { items: this.key(owner) },
      { id: stored.id, item: JSON.stringify(stored), limit: LIBRARY_MAX_ITEMS },
    );
    return added === 1 ? stored : undefined;
  }

  async remove(owner: string, id: string): Promise<boolean> {
    return (await this.redis.hdel(this.key(owner), id)) > 0;
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
