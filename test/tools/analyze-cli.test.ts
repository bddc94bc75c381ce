import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { text } from '../helpers/content.js';
import { runTs } from '../helpers/spawn.js';

const analyze = (args: string[], input: string) => runTs('src/tools/analyze.ts', args, {}, input);

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
  })
  .strict();

describe('npm run analyze', () => {
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
