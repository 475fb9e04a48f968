// Experiments in Redis (scale-out mode), under the deployment's key prefix. Every Redis command about
// experiments is here; changes to a cell run as one Lua script so its status index, its change
// version and its body never disagree. Merging a patch twice (a command resent after a reconnect)
// gives the same cell, so no operation ids are needed here.
import type { Redis } from 'ioredis';
import type {
  CellPatch,
  CellStatus,
  ExperimentCell,
  ExperimentPatch,
  ExperimentRecord,
  ExperimentStatus,
  InputRow,
} from '../../experiments/schema';
import { definedFields, type ExperimentStore } from '../../experiments/store';
import { defineScript, numberReply, runScript, textListReply } from './script-command';

const CELL_ORDER_BASE = 8;
const ROWS_PER_COMMAND = 500;

function experimentKeys(prefix: string) {
  return {
    experiment: (id: string) => `${prefix}exp:${id}`,
    rows: (id: string) => `${prefix}exp:${id}:rows`,
    cells: (id: string) => `${prefix}exp:${id}:cells`,
    changes: (id: string) => `${prefix}exp:${id}:changes`,
    /** Prefix of the per-status cell indexes (score = row × 8 + variant, so row order). */
    cellStatusPrefix: (id: string) => `${prefix}exp:${id}:status:`,
    owner: (owner: string) => `${prefix}exp-owner:${owner}`,
    status: (status: ExperimentStatus) => `${prefix}exp-status:${status}`,
    statusPrefix: `${prefix}exp-status:`,
  };
}

const cellField = (row: number, variant: number) => `${row}:${variant}`;
const cellOrder = (row: number, variant: number) => row * CELL_ORDER_BASE + variant;

function toCell(field: string, version: number, body: string): ExperimentCell {
  const [row, variant] = field.split(':').map(Number);
  return { ...(JSON.parse(body) as ExperimentCell), row, variant, version };
}

/** Merges (or replaces) a cell, moves it between status indexes, bumps the version; 0 when there is no such cell. */
const UPDATE_CELL = defineScript({
  name: 'dispatchUpdateCell',
  keys: ['experiment', 'cells', 'changes'],
  args: ['field', 'patch', 'mode', 'statusPrefix', 'order'],
  reply: numberReply,
  lua: `
local old = redis.call('HGET', KEYS[2], ARGV[1])
if not old then return 0 end
local cell = cjson.decode(old)
local previous = cell.status
local patch = cjson.decode(ARGV[2])
if ARGV[3] == 'replace' then cell = patch else for key, value in pairs(patch) do cell[key] = value end end
local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('ZREM', ARGV[4] .. previous, ARGV[1])
redis.call('ZADD', ARGV[4] .. cell.status, ARGV[5], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], cjson.encode(cell))
redis.call('ZADD', KEYS[3], version, ARGV[1])
return version
`,
});

/** Merges a patch into the experiment and moves it between status sets; 0 when there is no such experiment. */
const UPDATE_EXPERIMENT = defineScript({
  name: 'dispatchUpdateExperiment',
  keys: ['experiment'],
  args: ['patch', 'statusPrefix', 'id'],
  reply: numberReply,
  lua: `
local body = redis.call('HGET', KEYS[1], 'body')
if not body then return 0 end
local record = cjson.decode(body)
local previous = record.status
for key, value in pairs(cjson.decode(ARGV[1])) do record[key] = value end
redis.call('HSET', KEYS[1], 'body', cjson.encode(record), 'status', record.status)
redis.call('SREM', ARGV[2] .. previous, ARGV[3])
redis.call('SADD', ARGV[2] .. record.status, ARGV[3])
return 1
`,
});

/** Answers the experiment's version, then field, version and body of each cell changed after `afterVersion`. */
const READ_CHANGED = defineScript({
  name: 'dispatchReadChangedCells',
  keys: ['experiment', 'cells', 'changes'],
  args: ['afterVersion'],
  reply: textListReply,
  lua: `
local out = { redis.call('HGET', KEYS[1], 'version') or '0' }
local changed = redis.call('ZRANGEBYSCORE', KEYS[3], '(' .. ARGV[1], '+inf', 'WITHSCORES')
for index = 1, #changed, 2 do
  out[#out + 1] = changed[index]
  out[#out + 1] = changed[index + 1]
  out[#out + 1] = redis.call('HGET', KEYS[2], changed[index])
end
return out
`,
});

export class RedisExperimentStore implements ExperimentStore {
  private readonly keys: ReturnType<typeof experimentKeys>;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = experimentKeys(prefix);
  }

  async createExperiment(experiment: ExperimentRecord, rows: InputRow[]): Promise<void> {
    const { keys } = this;
    const id = experiment.id;
    const pending = JSON.stringify({ attempt: 0, status: 'pending' });
    const cells: string[] = [];
    const changes: (string | number)[] = [];
    const order: (string | number)[] = [];
    let version = 0;
    for (let row = 0; row < experiment.rowCount; row++)
      for (let variant = 0; variant < experiment.spec.variants.length; variant++) {
        const field = cellField(row, variant);
        cells.push(field, pending);
        changes.push(++version, field);
        order.push(cellOrder(row, variant), field);
      }
    const multi = this.redis.multi();
    for (let start = 0; start < rows.length; start += ROWS_PER_COMMAND) {
      const pairs = rows
        .slice(start, start + ROWS_PER_COMMAND)
        .flatMap((input, offset) => [String(start + offset), JSON.stringify(input)]);
      multi.hset(keys.rows(id), ...pairs);
    }
    multi.hset(keys.cells(id), ...cells);
    multi.zadd(keys.changes(id), ...changes);
    multi.zadd(`${keys.cellStatusPrefix(id)}pending`, ...order);
    multi.hset(
      keys.experiment(id),
      'body',
      JSON.stringify(experiment),
      'status',
      experiment.status,
      'version',
      version,
    );
    multi.zadd(keys.owner(experiment.owner), experiment.createdAt, id);
    multi.sadd(keys.status(experiment.status), id);
    await multi.exec();
  }

  async getExperiment(id: string): Promise<ExperimentRecord | undefined> {
    const body = await this.redis.hget(this.keys.experiment(id), 'body');
    return body ? (JSON.parse(body) as ExperimentRecord) : undefined;
  }

  private async getExperiments(ids: string[]): Promise<ExperimentRecord[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hget(this.keys.experiment(id), 'body');
    const results = (await pipeline.exec()) ?? [];
    return results.flatMap(([error, body]) =>
      error || !body ? [] : [JSON.parse(body as string) as ExperimentRecord],
    );
  }

  async listExperiments(owner: string, limit: number): Promise<ExperimentRecord[]> {
    return this.getExperiments(await this.redis.zrange(this.keys.owner(owner), 0, String(limit - 1), 'REV'));
  }

  async findExperimentsByStatus(status: ExperimentStatus): Promise<ExperimentRecord[]> {
    const found = await this.getExperiments(await this.redis.smembers(this.keys.status(status)));
    return found
      .filter((experiment) => experiment.status === status)
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  async updateExperiment(
    id: string,
    patch: ExperimentPatch,
  ): Promise<void> {
    // JSON cannot carry undefined: a cleared best variant is stored as null and read back as null.
    const body = JSON.stringify(patch, (_key, value) => (value === undefined ? null : value));
    await runScript(
      this.redis,
      UPDATE_EXPERIMENT,
      { experiment: this.keys.experiment(id) },
      { patch: body, statusPrefix: this.keys.statusPrefix, id },
    );
  }

  async readRows(id: string, rows: number[]): Promise<Map<number, InputRow>> {
    const found = new Map<number, InputRow>();
    if (rows.length === 0) return found;
    const values = await this.redis.hmget(this.keys.rows(id), ...rows.map(String));
    values.forEach((value, index) => {
      if (value) found.set(rows[index], JSON.parse(value));
    });
    return found;
  }

  async readChangedCells(
    id: string,
    afterVersion: number,
  ): Promise<{ cells: ExperimentCell[]; version: number }> {
    const { keys } = this;
    const flat = await runScript(
      this.redis,
      READ_CHANGED,
      { experiment: keys.experiment(id), cells: keys.cells(id), changes: keys.changes(id) },
      { afterVersion },
    );
    const cells: ExperimentCell[] = [];
    for (let index = 1; index + 2 < flat.length; index += 3)
      cells.push(toCell(flat[index], Number(flat[index + 1]), flat[index + 2]));
    return { cells, version: Number(flat[0]) };
  }

  async getCell(id: string, row: number, variant: number): Promise<ExperimentCell | undefined> {
    const field = cellField(row, variant);
    const [body, version] = await Promise.all([
      this.redis.hget(this.keys.cells(id), field),
      this.redis.zscore(this.keys.changes(id), field),
    ]);
    return body ? toCell(field, Number(version ?? 0), body) : undefined;
  }

  async findCells(id: string, status: CellStatus, limit: number): Promise<ExperimentCell[]> {
    const { keys } = this;
    const fields = await this.redis.zrange(
      `${keys.cellStatusPrefix(id)}${status}`,
      0,
      String(Math.min(limit, 1e9) - 1),
    );
    if (fields.length === 0) return [];
    const [bodies, versions] = await Promise.all([
      this.redis.hmget(keys.cells(id), ...fields),
      this.redis.zmscore(keys.changes(id), ...fields),
    ]);
    return fields.flatMap((field, index) => {
      const body = bodies[index];
      return body ? [toCell(field, Number(versions[index] ?? 0), body)] : [];
    });
  }

  async updateCell(
    id: string,
    row: number,
    variant: number,
    patch: CellPatch,
    mode: 'merge' | 'replace' = 'merge',
  ): Promise<void> {
    const { keys } = this;
    await runScript(
      this.redis,
      UPDATE_CELL,
      { experiment: keys.experiment(id), cells: keys.cells(id), changes: keys.changes(id) },
      {
        field: cellField(row, variant),
        patch: JSON.stringify(definedFields(patch)),
        mode,
        statusPrefix: keys.cellStatusPrefix(id),
        order: cellOrder(row, variant),
      },
    );
  }

  /** The connection is the backend's own command connection; the backend closes it. */
  async close(): Promise<void> {}
}
