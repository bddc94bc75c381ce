import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DIRS } from '../src/cli/paths.js';
import { DEFAULT_REDIS_URL } from '../src/config.js';
import { analyzeAd } from '../src/domain/ads/analyze.js';
import { hashPerson } from '../src/domain/intel/contact.js';
import { type AdIntel, adIntel } from '../src/domain/intel/seen.js';
import { loadLexicon } from '../src/infra/content.js';
import { IntelStore } from '../src/store/intel.js';
import { connectRedis } from '../src/store/redis.js';
import { readCorpus } from './ad-corpus.js';

/*
 * How fast "seen before" records and looks up, on the real Redis (REDIS_URL), under a prefix of its own
 * that it deletes afterwards: `npx tsx scripts/bench-intel.ts [--n 20000] [--concurrency 16]`.
 * The ads are the corpus's, each with its contacts and fingerprint, recorded by many people.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { n: { type: 'string', default: '20000' }, concurrency: { type: 'string', default: '16' } },
  });
  const n = Number(values.n);
  const concurrency = Number(values.concurrency);
  const redis = await connectRedis(process.env.REDIS_URL || DEFAULT_REDIS_URL);
  if (!redis) throw new Error('no Redis answers');
  const prefix = `tekser-bench-intel:${randomBytes(4).toString('hex')}:`;
  const secret = randomBytes(32).toString('hex');
  const store = new IntelStore(redis, { prefix, secret, retentionDays: 365 });
  const lexicon = loadLexicon();
  const ads: AdIntel[] = readCorpus(join(DIRS.root, 'test/fixtures/ads'))
    .map((a) => adIntel(a.text, analyzeAd(lexicon, a.text)))
    .filter((a): a is AdIntel => !!a);

  async function timed(run: (i: number) => Promise<unknown>): Promise<number> {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < n) await run(next++);
      }),
    );
    return Math.round((n / (performance.now() - started)) * 1000);
  }
  try {
    const record = await timed((i) =>
      store.record(ads[i % ads.length] as AdIntel, hashPerson(secret, { channel: 'bench', id: String(i) })),
    );
    const lookup = await timed((i) => store.lookup(ads[i % ads.length] as AdIntel));
    // Bytes Redis spends per kind of key (MEMORY USAGE, which counts the key's own overhead too).
    const bytes: Record<string, { keys: number; bytes: number }> = {};
    let cursor = '0';
    do {
      const [c, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = c;
      for (const key of keys) {
        const kind = key.slice(prefix.length).split(':')[1] as string;
        const entry = bytes[kind] ?? { keys: 0, bytes: 0 };
        entry.keys++;
        entry.bytes += Number(await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
        bytes[kind] = entry;
      }
    } while (cursor !== '0');
    process.stdout.write(
      `${JSON.stringify({ n, concurrency, ads: ads.length, record_per_s: record, lookup_per_s: lookup, bytes })}\n`,
    );
  } finally {
    let cursor = '0';
    do {
      const [c, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = c;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
    redis.disconnect();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench-intel: ${(err as Error).message}\n`);
  process.exit(1);
});
