import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { main } from '../../src/cli/analyze.js';
import { text } from '../helpers/content.js';
import { dropPrefix, REDIS_URL, testPrefix, testRedis } from '../helpers/redis.js';
import { runMain } from '../helpers/run.js';
import { runTs } from '../helpers/spawn.js';

// Without INTEL_SECRET "seen before" is off (in process, the command sees only the environment given).
const analyze = (args: string[], input: string, env: Record<string, string> = { INTEL_SECRET: '' }) =>
  runMain(main, args, env, input);

/** The JSON interface, exactly as relied on from outside. */
const VerdictJson = z
  .object({
    risk: z.enum(['low', 'medium', 'high', 'critical']),
    score: z.number().min(0).max(1),
    language: z.enum(['ru', 'kk', 'en', 'mixed']),
    flags: z.array(
      z.object({ id: z.string(), severity: z.string(), evidence: z.array(z.string()) }).strict(),
    ),
    contacts: z.array(z.object({ type: z.string(), value: z.string() }).strict()),
    intel: z
      .object({
        contacts: z.array(
          z
            .object({
              kind: z.enum(['phone', 'handle', 'domain', 'email']),
              value: z.string(),
              count: z.number().int().min(0),
              byRisk: z.object({
                low: z.number(),
                medium: z.number(),
                high: z.number(),
                critical: z.number(),
              }),
              firstSeen: z.number().nullable(),
              lastSeen: z.number().nullable(),
              flagged: z.object({ reason: z.string(), at: z.number() }).nullable(),
            })
            .strict(),
        ),
        repost: z
          .object({ count: z.number(), lastSeen: z.number(), changed: z.boolean() })
          .strict()
          .nullable(),
        recorded: z.boolean(),
      })
      .strict()
      .nullable(),
  })
  .strict();

describe('npm run analyze', () => {
  it('starts as its own process: the ad on standard input, one JSON object out, exit 0', async () => {
    // Without INTEL_SECRET (even one from a .env file or the environment) "seen before" is off.
    const { code, stdout, stderr } = await runTs(
      'src/cli/analyze.ts',
      ['--json'],
      { INTEL_SECRET: '' },
      'Кипр. Требуются танцовщицы. Пишите в WhatsApp +7 701 234 56 78',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(VerdictJson.parse(JSON.parse(stdout)).flags.map((f) => f.id)).toContain('adult_entertainment');
  });

  it('--json prints one object with the promised fields', async () => {
    const { code, stdout } = await analyze(
      ['--json'],
      'Кипр. Требуются танцовщицы. Пишите в WhatsApp +7 701 234 56 78',
    );
    expect(code).toBe(0);
    const v = VerdictJson.parse(JSON.parse(stdout));
    expect(v.flags.map((f) => f.id)).toEqual(expect.arrayContaining(['adult_entertainment', 'abroad']));
    expect(v.contacts).toContainEqual({ type: 'phone', value: '+77012345678' });
    expect(v.language).toBe('ru');
  });

  it('--jsonl answers every line in order, and a bad line with an error, in one process', async () => {
    const lines = [
      JSON.stringify({ id: 'a', text: 'Looking for a European-looking girl to work for Xerox.' }),
      'not json',
      JSON.stringify({ id: 7, text: 'Кассир в супермаркет «Береке», ЗП 200 000 ₸, ул. Абая 5' }),
      JSON.stringify({ id: 'c' }),
    ];
    const { code, stdout } = await analyze(['--jsonl'], `${lines.join('\n')}\n`);
    expect(code).toBe(0);
    const out = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['a', null, 7, 'c']);
    const { id: _id, ...first } = out[0];
    expect(first.intel).toBeNull();
    expect(VerdictJson.parse(first).risk).toMatch(/high|critical/);
    expect(out[1].error).toBeDefined();
    expect(out[2].risk).toBe('low');
    expect(out[3].error).toMatch(/text/);
  });

  it('without a flag, speaks to a person in the language asked for', async () => {
    const { code, stdout } = await analyze(['--lang', 'kk'], 'Cyprus. Dancer needed.');
    expect(code).toBe(0);
    expect(stdout).toContain(text('kk', 'flags.adult_entertainment.title'));
    expect(stdout).toContain('«Dancer»');
  });

  it('refuses bad arguments with one clear line', async () => {
    const { code, stderr } = await analyze(['--lang', 'de'], '');
    expect(code).toBe(2);
    expect(stderr).toMatch(/--lang must be ru, kk or en/);
  });
});

describe('npm run analyze, seen before', () => {
  const redis = testRedis();
  const prefix = testPrefix('analyze-intel');
  afterAll(async () => {
    await dropPrefix(redis, prefix);
    await redis.quit();
  });
  const env = {
    REDIS_URL,
    REDIS_PREFIX: prefix,
    INTEL_SECRET: 'analyze-cli-test-secret-0123456789abcdef',
  };
  const AD =
    'Требуются девушки до 25 лет европейской внешности для работы в офисе в Дубае. Без опыта, з/п от 3000$. Визу оформим на месте! Пишите только в WhatsApp +7 701 234 56 78';
  const REPOST = AD.replace('25', '27')
    .replace('3000', '3500')
    .replace('+7 701 234 56 78', '8(701)234-56-78');
  const keys = async () => (await redis.keys(`${prefix}*`)).length;

  it('never records without --record, and says nothing is known yet', async () => {
    const { code, stdout } = await analyze(['--json'], AD, env);
    expect(code).toBe(0);
    const v = VerdictJson.parse(JSON.parse(stdout));
    expect(v.intel).toEqual({
      contacts: [
        {
          kind: 'phone',
          value: '+77012345678',
          count: 0,
          byRisk: { low: 0, medium: 0, high: 0, critical: 0 },
          firstSeen: null,
          lastSeen: null,
          flagged: null,
        },
      ],
      repost: null,
      recorded: false,
    });
    expect(await keys()).toBe(0);
  });

  it('records with --record, and a repost is seen before, in counts, before the hotline', async () => {
    const recorded = await analyze(['--json', '--record'], AD, env);
    expect(recorded.code).toBe(0);
    expect(VerdictJson.parse(JSON.parse(recorded.stdout)).intel).toMatchObject({
      contacts: [{ count: 0 }],
      recorded: true,
    });
    expect(await keys()).toBeGreaterThan(0);
    const before = await keys();
    const { code, stdout } = await analyze(['--lang', 'en'], REPOST, env);
    expect(code).toBe(0);
    expect(stdout).toContain('🔎 Seen before');
    expect(stdout).toContain(
      'This phone number (+77012345678) was in an ad checked once in the last 12 months.',
    );
    expect(stdout).toContain('This same ad was checked once before.');
    expect(stdout).toContain('☎️');
    expect(stdout.indexOf('Seen before')).toBeLessThan(stdout.indexOf('☎️'));
    expect(await keys()).toBe(before);
    // Recording again from the same CLI counts once.
    const again = await analyze(['--json', '--record'], REPOST, env);
    expect(VerdictJson.parse(JSON.parse(again.stdout)).intel?.recorded).toBe(false);
  });

  it('--no-intel skips it, --jsonl carries it per line, and --record refuses to run without it', async () => {
    const [off, plain, lines, both, noSecret] = await Promise.all([
      analyze(['--json', '--no-intel'], AD, env),
      analyze(['--no-intel', '--lang', 'en'], AD, env),
      analyze(['--jsonl'], `${JSON.stringify({ id: 1, text: AD })}\n`, env),
      analyze(['--no-intel', '--record'], AD, env),
      analyze(['--record'], AD, { ...env, INTEL_SECRET: '' }),
    ]);
    expect(VerdictJson.parse(JSON.parse(off.stdout)).intel).toBeNull();
    expect(plain.stdout).not.toContain('Seen before');
    expect(JSON.parse(lines.stdout).intel.contacts[0].count).toBeGreaterThan(0);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/choose one of --no-intel and --record/);
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toMatch(/--record needs INTEL_SECRET/);
  });

  it('goes on without it, in one line, when no Redis answers', async () => {
    const { code, stdout, stderr } = await analyze(['--json'], AD, {
      ...env,
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    expect(code).toBe(0);
    expect(VerdictJson.parse(JSON.parse(stdout)).intel).toBeNull();
    expect(stderr).toBe('analyze: no Redis answers at redis://127.0.0.1:1: no "seen before"\n');
  });

  it('raises reported_contact for a contact a counsellor flagged', async () => {
    const { IntelStore } = await import('../../src/store/intel.js');
    const { parseContact } = await import('../../src/domain/intel/contact.js');
    const store = new IntelStore(redis, { prefix, secret: env.INTEL_SECRET, retentionDays: 365 });
    const contact = parseContact('+7 701 234 56 78');
    if (!contact) throw new Error('no contact');
    await store.flag(contact, 'confirmed by the NGO, case 12', 'tg:42');
    const { stdout } = await analyze(['--lang', 'en'], REPOST, env);
    expect(stdout).toContain(text('en', 'flags.reported_contact.title'));
    expect(stdout).toContain(
      '⛔ Counsellors have confirmed this contact (+77012345678) as dangerous: confirmed by the NGO, case 12',
    );
    const json = VerdictJson.parse(JSON.parse((await analyze(['--json'], REPOST, env)).stdout));
    expect(json.flags[0]).toMatchObject({
      id: 'reported_contact',
      severity: 'critical',
      evidence: ['8(701)234-56-78'],
    });
    expect(json.risk).toBe('critical');
    await store.unflag(contact);
  });
});
