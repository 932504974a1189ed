import { createHash } from 'node:crypto';
import { ConfigError } from '../model/errors.js';
import type { Shard } from '../model/fleet.js';

/** `--shard 3/16` → { index: 3, count: 16 }; shards are numbered from 1. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new ConfigError(`--shard ${text}: expected i/n with 1 ≤ i ≤ n, e.g. --shard 3/16 (Kubernetes: --shard $((JOB_COMPLETION_INDEX + 1))/N)`);
  }
  return { index, count };
}

/**
 * Whether a target belongs to a shard: by a hash of its name alone, so the share is the same in
 * every process and adding or removing a target never moves another one.
 */
export function inShard(name: string, shard: Shard | undefined): boolean {
  if (!shard) return true;
  const hash = createHash('sha256').update(name).digest().readUInt32BE(0);
  return hash % shard.count === shard.index - 1;
}
