import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { connectRedis } from '../../src/store/redis.js';
import { freePort } from '../helpers/own-redis.js';

/** Redis servers and a Sentinel of the test's own, on free ports, killed after each test. */
const started: ChildProcess[] = [];
afterEach(() => {
  for (const p of started.splice(0)) p.kill('SIGKILL');
});

async function answers(port: number): Promise<void> {
  const probe = new Redis(port, '127.0.0.1', {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined);
  for (let i = 0; i < 100; i++) {
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`nothing answers on ${port}`);
}

async function server(args: string[]): Promise<{ port: number; process: ChildProcess }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tekser-sentinel-'));
  const process = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', ...args],
    {
      stdio: 'ignore',
    },
  );
  started.push(process);
  await answers(port);
  return { port, process };
}

async function sentinel(primaryPort: number, name: string): Promise<number> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tekser-sentinel-'));
  const conf = join(dir, 'sentinel.conf');
  writeFileSync(
    conf,
    [
      `port ${port}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      `sentinel monitor ${name} 127.0.0.1 ${primaryPort} 1`,
      `sentinel down-after-milliseconds ${name} 500`,
      `sentinel failover-timeout ${name} 2000`,
      '',
    ].join('\n'),
  );
  const process = spawn('redis-server', [conf, '--sentinel'], { stdio: 'ignore' });
  started.push(process);
  await answers(port);
  return port;
}

describe('Redis through Sentinel', () => {
  it('reads REDIS_SENTINELS and REDIS_SENTINEL_NAME, and refuses a malformed list', () => {
    const config = loadConfig({ REDIS_SENTINELS: '10.0.0.1:26379, sentinel-2:26380' });
    expect(config.REDIS_SENTINELS).toEqual([
      { host: '10.0.0.1', port: 26379 },
      { host: 'sentinel-2', port: 26380 },
    ]);
    expect(config.REDIS_SENTINEL_NAME).toBe('mymaster');
    expect(() => loadConfig({ REDIS_SENTINELS: 'sentinel-1' })).toThrow(/REDIS_SENTINELS/);
  });

  it('connects to the primary the Sentinels name, and follows it to the replica promoted when it dies', {
    timeout: 60_000,
  }, async () => {
    const primary = await server([]);
    const replica = await server(['--replicaof', '127.0.0.1', String(primary.port)]);
    const name = 'tekser-test';
    const port = await sentinel(primary.port, name);
    // A name the Sentinels do not know: no Redis.
    expect(
      await connectRedis(
        { url: 'redis://127.0.0.1:1', sentinels: [{ host: '127.0.0.1', port }], sentinelName: 'nobody' },
        1000,
      ),
    ).toBeNull();

    const redis = await connectRedis(
      { url: 'redis://127.0.0.1:1', sentinels: [{ host: '127.0.0.1', port }], sentinelName: name },
      3000,
    );
    if (!redis) throw new Error('not connected through Sentinel');
    try {
      await redis.set('tekser-sentinel-probe', 'written');
      const direct = new Redis(primary.port, '127.0.0.1');
      expect(await direct.get('tekser-sentinel-probe')).toBe('written');
      direct.disconnect();
      // Wait until the replica has it, then kill the primary: Sentinel promotes the replica.
      const copy = new Redis(replica.port, '127.0.0.1');
      for (let i = 0; i < 100 && (await copy.get('tekser-sentinel-probe')) !== 'written'; i++)
        await new Promise((r) => setTimeout(r, 50));
      copy.disconnect();
      primary.process.kill('SIGKILL');
      let after: string | null = null;
      for (let i = 0; i < 300 && after !== 'written again'; i++) {
        after = await redis
          .set('tekser-sentinel-probe', 'written again')
          .then(() => redis.get('tekser-sentinel-probe'))
          .catch(() => null);
        if (after !== 'written again') await new Promise((r) => setTimeout(r, 100));
      }
      expect(after).toBe('written again');
      const promoted = new Redis(replica.port, '127.0.0.1');
      expect(await promoted.get('tekser-sentinel-probe')).toBe('written again');
      expect((await promoted.info('replication')).includes('role:master')).toBe(true);
      promoted.disconnect();
    } finally {
      redis.disconnect();
    }
  });
});
