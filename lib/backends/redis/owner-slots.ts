// The per-owner cap (MAX_RUNS_PER_OWNER) on the Redis backend, counted across every worker. BullMQ's own
// groups are a paid feature, so each owner has a sorted set of the runs it has executing, scored by when
// their lease ends: a worker renews its leases while it runs them, so a worker that dies frees its
// owner's slots after WORKER_LOCK_MS, as BullMQ frees its jobs.
import type { Redis } from 'ioredis';
import { defineScript, numberReply, runScript } from './script-command';

/** Returns 1 when the run holds a slot of the owner's set (taken now or before), 0 at the cap. */
const TAKE_SLOT = defineScript({
  name: 'dispatchTakeOwnerSlot',
  keys: ['slots'],
  args: ['runId', 'now', 'leaseUntil', 'cap'],
  reply: numberReply,
  lua: `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then
  return 0
end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
redis.call('PEXPIREAT', KEYS[1], ARGV[3])
return 1
`,
});

export class RedisOwnerSlots {
  constructor(
    private readonly redis: Redis,
    private readonly keyOf: (owner: string) => string,
    private readonly maxPerOwner: number,
    private readonly leaseMs: number,
  ) {}

  /** Takes one of the owner's slots for the run; resolves to undefined when the owner is at its cap. */
  async take(owner: string, runId: string): Promise<{ release(): Promise<void> } | undefined> {
    const key = this.keyOf(owner);
    const lease = () =>
      runScript(
        this.redis,
        TAKE_SLOT,
        { slots: key },
        { runId, now: Date.now(), leaseUntil: Date.now() + this.leaseMs, cap: this.maxPerOwner },
      );
    if ((await lease()) !== 1) return undefined;
    const renewal = setInterval(() => void lease().catch(() => undefined), Math.max(100, this.leaseMs / 3));
    renewal.unref();
    return {
      release: async () => {
        clearInterval(renewal);
        await this.redis.zrem(key, runId).catch(() => undefined);
      },
    };
  }
}
