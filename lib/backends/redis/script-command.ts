// Lua scripts as ioredis custom commands. Each script is defined once per connection with
// defineCommand, so Redis runs it by its SHA (EVALSHA; ioredis sends the text once more only when Redis
// lost its script cache, after a restart). Callers name every key and argument, so one cannot land in
// another's place, and the reply is parsed into the script's result type. Tests call scripts through
// the same definitions.
//
// A connection with auto-pipelining gets every script when it is made (connection.ts): an ioredis
// pipeline copies the connection's scripts when it is created, so a script defined on a connection
// whose pipeline is already open would be missing from that pipeline ("pipeline[name] is not a function").
import type { Redis } from 'ioredis';
import { z } from 'zod';

type Value = string | number;

/** A script whose calls each give as many KEYS and ARGV as they need (runVariadicScript). */
export interface VariadicRedisScript<Result> {
  /** The command name on the connection (unique per script). */
  readonly name: string;
  readonly lua: string;
  readonly reply: z.ZodType<Result>;
}

export interface RedisScript<
  Key extends string,
  Arg extends string,
  Result,
> extends VariadicRedisScript<Result> {
  /** KEYS, in order. */
  readonly keys: readonly Key[];
  /** ARGV, in order; a call may add more values after them (`rest`). */
  readonly args: readonly Arg[];
}

type AnyScript = VariadicRedisScript<unknown> & { keys?: readonly string[] };

const registered = new Map<string, AnyScript>();

/** Declares a script; every connection made afterwards by connectRedis has it. */
export function defineScript<const Key extends string, const Arg extends string, Result>(
  script: RedisScript<Key, Arg, Result>,
): RedisScript<Key, Arg, Result> {
  registered.set(script.name, script);
  return script;
}

/** Declares a script called with a number of keys of its own each time. */
export function defineVariadicScript<Result>(
  script: VariadicRedisScript<Result>,
): VariadicRedisScript<Result> {
  registered.set(script.name, script);
  return script;
}

export const numberReply = z.number();
export const textReply = z.string().nullable();
export const textListReply = z.array(z.string());

// defineCommand adds the method at run time, so its type is not known to TypeScript. Looked up on the
// connection itself (not in a map of ours), as Next may load this module once per route bundle.
const commandOn = (redis: Redis, name: string): unknown => Reflect.get(redis, name);

// Without numberOfKeys, ioredis takes the number of keys as a call's first argument.
function define(redis: Redis, script: AnyScript): void {
  if (typeof commandOn(redis, script.name) === 'function') return;
  redis.defineCommand(script.name, { lua: script.lua, numberOfKeys: script.keys?.length });
}

/** Defines every declared script on a connection that has not sent anything yet. */
export function defineScriptsOn(redis: Redis): void {
  for (const script of registered.values()) define(redis, script);
}

function commandOf(redis: Redis, script: AnyScript) {
  if (typeof commandOn(redis, script.name) !== 'function') {
    if (redis.options.enableAutoPipelining) {
      throw new Error(
        `Redis script ${script.name} was declared after its connection was made: import its module before connecting`,
      );
    }
    define(redis, script);
  }
  const command = commandOn(redis, script.name);
  if (typeof command !== 'function') throw new Error(`Redis script ${script.name} is not defined`);
  return (...argv: Value[]): Promise<unknown> => command.apply(redis, argv);
}

/** Runs `script` with its keys and arguments by name; `rest` follows the named arguments in ARGV. */
export async function runScript<Key extends string, Arg extends string, Result>(
  redis: Redis,
  script: RedisScript<Key, Arg, Result>,
  keys: Record<Key, string>,
  args: Record<Arg, Value>,
  rest: readonly Value[] = [],
): Promise<Result> {
  const argv = [...script.keys.map((key) => keys[key]), ...script.args.map((arg) => args[arg]), ...rest];
  return script.reply.parse(await commandOf(redis, script)(...argv));
}

/** Runs a variadic script with these KEYS and ARGV. */
export async function runVariadicScript<Result>(
  redis: Redis,
  script: VariadicRedisScript<Result>,
  keys: readonly string[],
  args: readonly Value[],
): Promise<Result> {
  return script.reply.parse(await commandOf(redis, script)(keys.length, ...keys, ...args));
}
