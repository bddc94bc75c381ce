import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { main } from '../../src/cli/danger.js';
import { ROOT } from '../../src/cli/paths.js';

/** The JSON line of the interface, exactly as relied on from outside. */
const Line = z
  .object({ id: z.union([z.string(), z.number()]), danger: z.boolean(), evidence: z.array(z.string()) })
  .strict();

async function run(argv: string[], input: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => {
    out += d;
  });
  stderr.on('data', (d) => {
    err += d;
  });
  const code = await main(argv, { stdin: Readable.from([input]), stdout, stderr });
  return {
    code,
    out,
    err,
    lines: out
      .split('\n')
      .filter(Boolean)
      .map((l) => Line.parse(JSON.parse(l))),
  };
}

describe('npm run --silent danger -- --jsonl', () => {
  it('answers each line in order with {id, danger, evidence}, evidence in the person’s words', async () => {
    const input = [
      { id: 'a', text: 'Помогите, у меня забрали паспорт и не выпускают' },
      { id: 2, text: 'помогите разобраться с договором' },
      { id: 'c', text: "menya b'yut" },
      { id: 'd', text: 'help' },
    ]
      .map((l) => JSON.stringify(l))
      .join('\n');
    const { code, lines, err } = await run(['--jsonl'], `${input}\n`);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(lines).toEqual([
      { id: 'a', danger: true, evidence: ['Помогите', 'забрали паспорт', 'не выпускают'] },
      { id: 2, danger: false, evidence: [] },
      { id: 'c', danger: true, evidence: ["b'yut"] },
      { id: 'd', danger: false, evidence: [] },
    ]);
  });

  it('reports a malformed line on standard error, goes on, and exits 2 at the end', async () => {
    const input = [
      '{"id":"a","text":"меня бьют"}',
      'not json',
      '',
      '{"id":"b"}',
      '[1,2]',
      '{"id":null,"text":"x"}',
      '{"id":"c","text":"мне страшно"}',
    ].join('\r\n');
    const { code, lines, err } = await run(['--jsonl'], input);
    expect(lines.map((l) => [l.id, l.danger])).toEqual([
      ['a', true],
      ['c', true],
    ]);
    expect(err.trim().split('\n')).toEqual([
      'danger: line 2: not JSON',
      'danger: line 4: "text" must be a string',
      'danger: line 5: not a JSON object',
      'danger: line 6: "id" must be a string or a number',
    ]);
    expect(code).toBe(2);
  });

  it('refuses other arguments with its usage', async () => {
    const { code, err, out } = await run([], '');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('usage: npm run --silent danger -- --jsonl');
  });

  it('is the npm script the interface names', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.danger).toBe('node scripts/built.mjs && node dist/cli/danger.js');
  });
});
