import type { Redis } from 'ioredis';

/**
 * Runs a Lua script as a named ioredis command, defined on the connection at its first use:
 * ioredis then sends EVALSHA and falls back to EVAL once when Redis does not know the script (a
 * restarted Redis), so each call ships the script's hash, not its text. `keys` come first, then
 * the arguments, as EVAL takes them.
 */
export function runScript(redis: Redis, name: string, lua: string, keys: readonly string[], ...args: Array<string | number>): Promise<unknown> {
  const commands = redis as unknown as Record<string, ((...a: Array<string | number>) => Promise<unknown>) | undefined>;
  if (!commands[name]) redis.defineCommand(name, { lua, numberOfKeys: keys.length });
  return (commands[name] as (...a: Array<string | number>) => Promise<unknown>).call(redis, ...keys, ...args);
}
