import { createHash, createHmac } from 'node:crypto';
import type { Redis } from 'ioredis';
import { type CanonicalContact, hashContact, redactContacts } from '../domain/intel/contact.js';
import { fingerprintBands, isFingerprint, SAME_AD, similarity } from '../domain/intel/fingerprint.js';
import {
  type AdIntel,
  type ContactIntel,
  type IntelLookup,
  noRisks,
  type Repost,
  type RiskCounts,
} from '../domain/intel/seen.js';
import { RISK_LEVELS, type RiskLevel } from '../domain/risk.js';
import { intelKeys } from './keys.js';
import { assertConnected } from './redis.js';

export interface IntelStoreOptions {
  /** The deployment's key prefix (REDIS_PREFIX). */
  prefix: string;
  /** INTEL_SECRET: the key of every HMAC. */
  secret: string;
  /** INTEL_RETENTION_DAYS; fractions of a day are for tests. */
  retentionDays: number;
  /** How long one person's check of one ad keeps their re-checks from counting (default 7 days). */
  dedupeSeconds?: number;
  /** The clock, in milliseconds (tests move it). */
  now?: () => number;
}

/**
 * Counts are kept per twelfth of the retention period, so "in the last 12 months" means the last 12
 * months: a bucket that has left the period no longer counts (and is deleted at the next record), even
 * when the contact kept appearing and its key never expired.
 */
const BUCKETS = 12;
const DEDUPE_SECONDS = 7 * 24 * 3600;
/**
 * Bands a person's check is remembered by: a slightly changed ad (three quarters of its features in
 * common) shares one of 8 bands with probability 0.95, and 8 keys of a check cost half of 16 (about 1 KB
 * a check, for the de-dup period).
 */
const DEDUPE_BANDS = 8;
/** Hex digits of a band that name its index key: 4,096 keys per band, a few ads in each. */
const BUCKET_DIGITS = 3;

/*
 * One round trip, atomic: whether this person already counted an ad like this decides whether anything
 * is counted, and two instances recording the same person's double-sent ad must not both count it. A
 * MULTI cannot branch on what it reads, so this is a script.
 *
 * KEYS: the person's de-dup keys (ARGV[1] of them), then, with a fingerprint, its ad key and its band
 * index keys (ARGV[2] of them), then the contacts' keys (ARGV[3] of them).
 * ARGV: 1 #dedupe, 2 #bands, 3 #contacts, 4 now, 5 ttl, 6 dedupe ttl, 7 cutoff (ms), 8 bucket,
 * 9 oldest bucket kept, 10 risk, 11 fingerprint, 12… band index members.
 */
const RECORD = `
local nd, nb, nc = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
-- Times stay the strings they came as: Lua would write a number of milliseconds as 1.79e+12.
local now, ttl, dttl, cutoff = ARGV[4], tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[7]
local bucket, oldest, risk, sig = ARGV[8], tonumber(ARGV[9]), ARGV[10], ARGV[11]
local repeated = false
for i = 1, nd do
  if redis.call('EXISTS', KEYS[i]) == 1 then repeated = true end
end
for i = 1, nd do redis.call('SET', KEYS[i], '1', 'EX', dttl) end
if repeated then return 0 end
local function touch(key, field)
  redis.call('HINCRBY', key, field, 1)
  redis.call('HSETNX', key, 'first', now)
  redis.call('HSET', key, 'last', now)
  for _, f in ipairs(redis.call('HKEYS', key)) do
    local b = string.match(f, '^b(%d+)')
    if b and tonumber(b) < oldest then redis.call('HDEL', key, f) end
  end
  if tonumber(redis.call('HGET', key, 'first')) < tonumber(cutoff) then
    redis.call('HSET', key, 'first', cutoff)
  end
  redis.call('EXPIRE', key, ttl)
end
local k = nd + 1
if nb > 0 then
  touch(KEYS[k], 'b' .. bucket)
  redis.call('HSET', KEYS[k], 'sig', sig)
  k = k + 1
  for i = 1, nb do
    redis.call('ZADD', KEYS[k], now, ARGV[11 + i])
    redis.call('ZREMRANGEBYSCORE', KEYS[k], '-inf', '(' .. cutoff)
    redis.call('EXPIRE', KEYS[k], ttl)
    k = k + 1
  end
end
for i = 1, nc do
  touch(KEYS[k], 'b' .. bucket .. ':' .. risk)
  k = k + 1
end
return 1
`;

/*
 * The first round trip of a lookup, as one command rather than a pipeline of 18 or more (two reads a
 * contact, one a band), and with the index members of other bands left on the server. Read-only; every
 * key it reads is passed in KEYS.
 *
 * KEYS: each contact's counts and flag (2 × ARGV[1] keys), then the band index keys.
 * ARGV: 1 #contacts, 2 cutoff (ms), 3… each band's value, to keep only the members of that band.
 * Returns the contacts' hashes as flat field-value lists, then the candidate ad ids.
 */
const LOOKUP = `
local nc = tonumber(ARGV[1])
local out = {}
for i = 1, 2 * nc do out[i] = redis.call('HGETALL', KEYS[i]) end
local candidates = {}
for i = 2 * nc + 1, #KEYS do
  local band = ARGV[i - 2 * nc + 2]
  for _, member in ipairs(redis.call('ZRANGEBYSCORE', KEYS[i], ARGV[2], '+inf')) do
    if string.sub(member, 1, #band) == band then candidates[#candidates + 1] = string.sub(member, #band + 1) end
  end
end
out[2 * nc + 1] = candidates
return out
`;

interface RecordCommand {
  tekserIntelRecord(...args: (string | number)[]): Promise<number>;
  tekserIntelLookup(...args: (string | number)[]): Promise<string[][]>;
}

const REASON_MAX = 300;

/**
 * "Seen before": what other people's checks know about an ad's contacts and text, in Redis, under keyed
 * hashes only. Nothing here links a hash to a person: the only person-derived keys are the de-dup keys,
 * HMACs of (person, band) that expire within days and name no contact.
 */
export class IntelStore {
  private readonly keys: ReturnType<typeof intelKeys>;
  private readonly ttl: number;
  private readonly bucketMs: number;
  private readonly now: () => number;

  constructor(
    readonly redis: Redis,
    private readonly options: IntelStoreOptions,
  ) {
    if (options.secret.length === 0) throw new Error('IntelStore needs a secret');
    this.keys = intelKeys(options.prefix);
    this.ttl = Math.max(1, Math.round(options.retentionDays * 86_400));
    this.bucketMs = Math.max(1, Math.ceil((this.ttl * 1000) / BUCKETS));
    this.now = options.now ?? Date.now;
    if (!(redis as Partial<RecordCommand>).tekserIntelRecord)
      // No fixed number of keys: the first argument of each call says how many follow.
      redis.defineCommand('tekserIntelRecord', { lua: RECORD });
    if (!(redis as Partial<RecordCommand>).tekserIntelLookup)
      redis.defineCommand('tekserIntelLookup', { lua: LOOKUP });
  }

  /** The window counts are read in: buckets from `oldest` on, i.e. from `cutoff` milliseconds. */
  private window(now: number): { bucket: number; oldest: number; cutoff: number } {
    const bucket = Math.floor(now / this.bucketMs);
    const oldest = bucket - BUCKETS + 1;
    return { bucket, oldest, cutoff: oldest * this.bucketMs };
  }

  private hash(contact: CanonicalContact): string {
    return hashContact(this.options.secret, contact);
  }

  private adId(fingerprint: string): string {
    return createHash('sha256').update(fingerprint).digest('hex').slice(0, 16);
  }

  private bandKeys(fingerprint: string): { key: string; member: string; band: string }[] {
    const id = this.adId(fingerprint);
    return fingerprintBands(fingerprint).map((band, i) => ({
      key: this.keys.band(i, band.slice(0, BUCKET_DIGITS)),
      member: `${band}${id}`,
      band,
    }));
  }

  /**
   * Counts one check of an ad, once per person and ad: the same person checking the same ad again
   * (or a slightly changed one: any band of the fingerprint in common) within the de-dup period counts
   * nothing. Returns whether it counted. One round trip.
   */
  async record(ad: AdIntel, personKeyHash: string): Promise<boolean> {
    const fingerprint = ad.fingerprint && isFingerprint(ad.fingerprint) ? ad.fingerprint : undefined;
    const contacts = ad.contacts.map((c) => this.hash(c));
    if (!fingerprint && contacts.length === 0) return false;
    const now = this.now();
    const { bucket, oldest, cutoff } = this.window(now);
    const bands = fingerprint ? this.bandKeys(fingerprint) : [];
    const tokens = fingerprint
      ? bands.slice(0, DEDUPE_BANDS).map((b, i) => `band\u0000${i}\u0000${b.band}`)
      : [`contacts\u0000${[...contacts].sort().join(',')}`];
    const dedupe = tokens.map((token) =>
      this.keys.seen(
        createHmac('sha256', this.options.secret)
          .update(`seen\u0000${personKeyHash}\u0000${token}`)
          .digest('hex'),
      ),
    );
    const keys = [
      ...dedupe,
      ...(fingerprint ? [this.keys.ad(this.adId(fingerprint)), ...bands.map((b) => b.key)] : []),
      ...contacts.map((h) => this.keys.contact(h)),
    ];
    const counted = await (this.redis as Redis & RecordCommand).tekserIntelRecord(
      keys.length,
      ...keys,
      dedupe.length,
      bands.length,
      contacts.length,
      now,
      this.ttl,
      this.options.dedupeSeconds ?? DEDUPE_SECONDS,
      cutoff,
      bucket,
      oldest,
      ad.risk,
      fingerprint ?? '',
      ...bands.map((b) => b.member),
    );
    return counted === 1;
  }

  /**
   * What is known about an ad's contacts and text from checks before this one: call it before record.
   * One round trip for the contacts, their flags and the fingerprint's candidates (a read-only script);
   * a second only when there are candidates to compare.
   */
  async lookup(ad: Pick<AdIntel, 'contacts' | 'fingerprint'>): Promise<IntelLookup> {
    // Before a person's turn: while Redis is away, they get their answer without waiting for it.
    assertConnected(this.redis);
    const now = this.now();
    const { oldest, cutoff } = this.window(now);
    const fingerprint = ad.fingerprint && isFingerprint(ad.fingerprint) ? ad.fingerprint : undefined;
    const bands = fingerprint ? this.bandKeys(fingerprint) : [];
    const keys: string[] = [];
    for (const c of ad.contacts) {
      const h = this.hash(c);
      keys.push(this.keys.contact(h), this.keys.flag(h));
    }
    for (const b of bands) keys.push(b.key);
    if (keys.length === 0) return { contacts: [] };
    const replies = await (this.redis as Redis & RecordCommand).tekserIntelLookup(
      keys.length,
      ...keys,
      ad.contacts.length,
      cutoff,
      ...bands.map((b) => b.band),
    );
    const contacts = ad.contacts.map((contact, i) =>
      contactIntel(contact, pairs(replies[2 * i]), pairs(replies[2 * i + 1]), oldest, cutoff),
    );
    if (!fingerprint) return { contacts };
    const candidates = new Set(replies[2 * ad.contacts.length] ?? []);
    if (candidates.size === 0) return { contacts };
    const repost = await this.repostAmong(candidates, fingerprint, oldest);
    return repost ? { contacts, repost } : { contacts };
  }

  /**
   * The checks within the window of the candidate ads close enough to this fingerprint to be the same
   * ad posted again. One round trip.
   */
  private async repostAmong(
    candidates: ReadonlySet<string>,
    fingerprint: string,
    oldest: number,
  ): Promise<Repost | undefined> {
    const ads = this.redis.pipeline();
    for (const id of candidates) ads.hgetall(this.keys.ad(id));
    let repost: Repost | undefined;
    for (const [err, raw] of (await ads.exec()) ?? []) {
      if (err) throw err;
      const fields = raw as Record<string, string>;
      const sig = fields.sig;
      if (!sig || similarity(sig, fingerprint) < SAME_AD) continue;
      const count = bucketSum(fields, oldest);
      if (count === 0) continue;
      repost = {
        count: (repost?.count ?? 0) + count,
        lastSeen: Math.max(repost?.lastSeen ?? 0, Number(fields.last ?? 0)),
        changed: (repost?.changed ?? false) || sig !== fingerprint,
      };
    }
    return repost;
  }

  /** What is known about one contact, for a counsellor's /contact. One round trip. */
  async contactInfo(contact: CanonicalContact): Promise<ContactIntel> {
    const h = this.hash(contact);
    const replies =
      (await this.redis.pipeline().hgetall(this.keys.contact(h)).hgetall(this.keys.flag(h)).exec()) ?? [];
    const [counts, flag] = replies.map(([err, v]) => {
      if (err) throw err;
      return v as Record<string, string>;
    });
    const { oldest, cutoff } = this.window(this.now());
    return contactIntel(contact, counts ?? {}, flag ?? {}, oldest, cutoff);
  }

  /**
   * A counsellor confirms a contact as dangerous: every later verdict with it raises `reported_contact`
   * with this reason (required; at most 300 characters), shown to people as it is written. Kept until
   * unflagged. Contacts written in the reason are stored as "…", so no raw contact is ever kept; `by`
   * names the counsellor (their id in the operators' chat).
   */
  async flag(contact: CanonicalContact, reason: string, by: string): Promise<void> {
    const clean = reason.replace(/\s+/g, ' ').trim().slice(0, REASON_MAX);
    // People read the reason in their verdict: a flag without one would tell them nothing they can act on.
    if (clean === '') throw new RangeError('a flag needs a reason');
    await this.redis.hset(this.keys.flag(this.hash(contact)), {
      reason: redactContacts(clean),
      at: String(this.now()),
      by,
    });
  }

  /** Clears a counsellor's flag; returns whether there was one. */
  async unflag(contact: CanonicalContact): Promise<boolean> {
    return (await this.redis.del(this.keys.flag(this.hash(contact)))) === 1;
  }
}

/** A hash as a script returns it, a flat list of fields and values, as an object. */
function pairs(flat: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; flat && i + 1 < flat.length; i += 2) out[flat[i] as string] = flat[i + 1] as string;
  return out;
}

/** The checks counted in buckets from `oldest` on: fields "b<bucket>" or "b<bucket>:<risk>". */
function bucketSum(fields: Record<string, string>, oldest: number, risk?: RiskLevel): number {
  let sum = 0;
  for (const [field, value] of Object.entries(fields)) {
    const m = /^b(\d+)(?::(\w+))?$/.exec(field);
    if (!m || Number(m[1]) < oldest || (risk && m[2] !== risk)) continue;
    sum += Number(value) || 0;
  }
  return sum;
}

function contactIntel(
  contact: CanonicalContact,
  counts: Record<string, string>,
  flag: Record<string, string>,
  oldest: number,
  cutoff: number,
): ContactIntel {
  const byRisk: RiskCounts = noRisks();
  for (const level of RISK_LEVELS) byRisk[level] = bucketSum(counts, oldest, level);
  const count = RISK_LEVELS.reduce((sum, level) => sum + byRisk[level], 0);
  return {
    contact,
    kind: contact.kind,
    count,
    byRisk,
    // Never earlier than the period counted: what came before is no longer counted.
    ...(count > 0 && counts.first ? { firstSeen: Math.max(Number(counts.first), cutoff) } : {}),
    ...(count > 0 && counts.last ? { lastSeen: Number(counts.last) } : {}),
    ...(flag.reason !== undefined ? { flagged: { reason: flag.reason, at: Number(flag.at ?? 0) } } : {}),
  };
}

/**
 * The store of "seen before" for a deployment, or undefined when INTEL_SECRET is unset: then nothing is
 * recorded and nothing is looked up.
 */
export function intelStoreFor(
  redis: Redis,
  config: { REDIS_PREFIX: string; INTEL_SECRET?: string | undefined; INTEL_RETENTION_DAYS: number },
): IntelStore | undefined {
  if (!config.INTEL_SECRET) return undefined;
  return new IntelStore(redis, {
    prefix: config.REDIS_PREFIX,
    secret: config.INTEL_SECRET,
    retentionDays: config.INTEL_RETENTION_DAYS,
  });
}
