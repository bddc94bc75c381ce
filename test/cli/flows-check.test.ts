import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ContentDirs, checkContent } from '../../src/cli/check-content.js';
import { main } from '../../src/cli/flows-check.js';
import { DIRS } from '../../src/cli/paths.js';
import { runMain } from '../helpers/run.js';
import { runTs } from '../helpers/spawn.js';

/** A copy of the flows, locales and diagrams, edited; the code's text keys are read from the real src/. */
function brokenCopy(edit: (dir: string) => void): ContentDirs {
  const dir = mkdtempSync(join(tmpdir(), 'tekser-content-'));
  cpSync(DIRS.flowsDir, join(dir, 'flows'), { recursive: true });
  cpSync(DIRS.localesDir, join(dir, 'locales'), { recursive: true });
  cpSync(join(DIRS.root, 'docs', 'flows'), join(dir, 'docs', 'flows'), { recursive: true });
  edit(dir);
  return { root: dir, flowsDir: join(dir, 'flows'), localesDir: join(dir, 'locales'), srcDir: DIRS.srcDir };
}
const editFile = (path: string, f: (s: string) => string) =>
  writeFileSync(path, f(readFileSync(path, 'utf8')));

/** `line:column` (1-based) where `needle` starts in a file, counted here, apart from the YAML library. */
function position(path: string, needle: string): string {
  const text = readFileSync(path, 'utf8');
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`no "${needle}" in ${path}`);
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${(before.at(-1) as string).length + 1}`;
}

describe('npm run flows:check', () => {
  it('starts as its own process and passes on the flows and locales of the repository', async () => {
    const { code, stdout } = await runTs('src/cli/flows-check.ts', [], {});
    expect(code).toBe(0);
    expect(stdout).toBe('flows:check: flows and locales are sound\n');
  });

  it('prints every problem on a line and exits 1 when there is one', async () => {
    const dirs = brokenCopy((dir) =>
      editFile(join(dir, 'flows/menu.yaml'), (s) => s.replace('text: menu.about', 'text: menu.abuot')),
    );
    const { code, stdout, stderr } = await runMain((argv, io) => main(argv, io, dirs), []);
    expect(code).toBe(1);
    expect(stdout.trim().split('\n')).toEqual(checkContent(dirs));
    expect(stderr).toBe(`flows:check: ${checkContent(dirs).length} problem(s)\n`);
  });
});

describe('flows:check finds what is wrong', () => {
  it('refuses a typed phrase that means two answers of one question', () => {
    const problems = checkContent(
      brokenCopy((dir) =>
        editFile(join(dir, 'flows/offer-check.yaml'), (s) =>
          s.replace('"I will", "I keep"', '"I will", "they keep"'),
        ),
      ),
    );
    expect(problems.join('\n')).toContain('the same words also mean option');
  });

  it('refuses a typed number that stands for two answers, or a range upside down', () => {
    const overlap = checkContent(
      brokenCopy((dir) =>
        editFile(join(dir, 'flows/offer-check.yaml'), (s) =>
          s.replace('number: { min: 1, max: 17 }', 'number: { min: 1, max: 18 }'),
        ),
      ),
    );
    expect(overlap.join('\n')).toContain('option "minor": its numbers overlap option "adult"');
    const upside = checkContent(
      brokenCopy((dir) =>
        editFile(join(dir, 'flows/offer-check.yaml'), (s) =>
          s.replace('number: { min: 1, max: 17 }', 'number: { min: 17, max: 1 }'),
        ),
      ),
    );
    expect(upside.join('\n')).toContain('min is above max');
  });

  it('checks the words of danger: an unknown concept, a word twice, an option for stems on words', () => {
    let danger = '';
    const problems = checkContent(
      brokenCopy((dir) => {
        danger = join(dir, 'flows/lexicon/danger.yaml');
        editFile(danger, (s) => s.replace('  - concept: phone\n', '  - concept: phnoe\n'));
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        `flows/lexicon/danger.yaml:${position(danger, 'phnoe')}: entry 2 (phnoe), concept: "phnoe" is no concept (they are listed in src/domain/danger/lexicon.ts)`,
      ]),
    );
    const again = checkContent(
      brokenCopy((dir) =>
        editFile(join(dir, 'flows/lexicon/danger.yaml'), (s) =>
          s.replace('words: [get, got]', 'words: [get, got, get]\n    next: [out]'),
        ),
      ),
    );
    expect(again).toEqual([
      expect.stringMatching(/danger.yaml:\d+:\d+: entry \d+ \(get\), next: is for stems only/),
      expect.stringMatching(/danger.yaml:\d+:\d+: entry \d+ \(get\), words: "get" is in this entry already/),
    ]);
  });

  it('asks for the second opinion to be trained again when the words of danger change', () => {
    expect(checkContent(brokenCopy(() => undefined))).toEqual([]);
    const problems = checkContent(
      brokenCopy((dir) =>
        editFile(join(dir, 'flows/lexicon/danger.yaml'), (s) =>
          s.replace('words: [get, got]', 'words: [get, got, gets]'),
        ),
      ),
    );
    expect(problems).toEqual([expect.stringContaining('run `npm run train:danger`')]);
  });

  it('refuses a time of day that ends before it starts', () => {
    const problems = checkContent(
      brokenCopy((dir) =>
        editFile(join(dir, 'flows/callback.yaml'), (s) =>
          s.replace("time: '09:00-12:00'", "time: '12:00-09:00'"),
        ),
      ),
    );
    expect(problems.join('\n')).toContain('option "morning": time 12:00-09:00 ends before it starts');
  });

  it('reports a missing key, an unknown key, a differing placeholder and a missing plural form', () => {
    const problems = checkContent(
      brokenCopy((dir) => {
        editFile(join(dir, 'locales/kk.json'), (s) => {
          const j = JSON.parse(s);
          delete j.cancel.done;
          j.about.text = j.about.text.replace('{{days}}', '{{dayz}}');
          delete j.menu.resume_other;
          return JSON.stringify(j);
        });
        editFile(join(dir, 'flows/menu.yaml'), (s) => s.replace('text: menu.about', 'text: menu.abuot'));
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'locales/kk.json: missing key "cancel.done"',
        'locales/kk.json: "about.text" has placeholders {dayz, hotline} but en has {days, hotline}',
        'locales/kk.json: "menu.resume" lacks the plural form "other"',
        'flows/menu.yaml: unknown text key "menu.abuot"',
        'locales/ru.json: key "menu.about" is used by no flow and no code',
      ]),
    );
  });

  it('reports a dangling goto, an unreachable step and a schema error as file:line:column: problem', () => {
    let offerCheck = '';
    let language = '';
    const problems = checkContent(
      brokenCopy((dir) => {
        offerCheck = join(dir, 'flows/offer-check.yaml');
        language = join(dir, 'flows/language.yaml');
        editFile(offerCheck, (s) =>
          s.replace('  - id: verdict\n', '  - { id: jump, kind: goto, to: nowhere }\n  - id: verdict\n'),
        );
        editFile(language, (s) => s.replace('version: 1', 'version: one'));
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        `flows/offer-check.yaml:${position(offerCheck, '{ id: jump')}: step "jump": goto to unknown step "nowhere"`,
        `flows/offer-check.yaml:${position(offerCheck, 'id: verdict')}: step "verdict" can never be reached`,
        expect.stringMatching(new RegExp(`^flows/language.yaml:${position(language, 'one')}: version: `)),
      ]),
    );
  });

  it('points at the option, the missing key and the broken YAML', () => {
    let menu = '';
    let offerCheck = '';
    let language = '';
    const problems = checkContent(
      brokenCopy((dir) => {
        menu = join(dir, 'flows/menu.yaml');
        offerCheck = join(dir, 'flows/offer-check.yaml');
        language = join(dir, 'flows/language.yaml');
        // An option that starts a flow that does not exist, a step without its kind, a key twice.
        editFile(menu, (s) => s.replace(/start: offer-check/, 'start: offer-chek'));
        editFile(offerCheck, (s) => s.replace('  - id: verdict\n', '  - id: lost\n  - id: verdict\n'));
        editFile(language, (s) => s.replace('version: 1\n', 'version: 1\nversion: 2\n'));
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        `flows/menu.yaml:${position(menu, '{ id: check')}: step "menu", option "check": starts unknown flow "offer-chek"`,
        expect.stringMatching(
          new RegExp(`^flows/offer-check.yaml:${position(offerCheck, 'id: lost')}: steps\\.\\d+\\.kind: `),
        ),
        `flows/language.yaml:${position(language, 'version: 2')}: not valid YAML: Map keys must be unique`,
      ]),
    );
  });

  it('reports a diagram in docs/flows that is missing, out of date, or of no flow', () => {
    const problems = checkContent(
      brokenCopy((dir) => {
        editFile(join(dir, 'flows/offer-check.yaml'), (s) =>
          s.replace(/^version: (\d+)$/m, (_, v: string) => `version: ${Number(v) + 1}`),
        );
        rmSync(join(dir, 'docs/flows/menu.md'));
        writeFileSync(join(dir, 'docs/flows/old-flow.md'), '# gone\n');
      }),
    );
    expect(problems).toEqual([
      'docs/flows/menu.md: missing; run npm run flows:graph',
      'docs/flows/offer-check.md: out of date; run npm run flows:graph',
      'docs/flows/old-flow.md: no flow old-flow; run npm run flows:graph',
    ]);
  });

  it("reads the bot's own `urgent` answer in a condition, and lets the NGO drop the history question", () => {
    const check = (edit: (s: string) => string) =>
      checkContent(brokenCopy((dir) => editFile(join(dir, 'flows/callback.yaml'), edit))).filter(
        (p) => !p.startsWith('docs/flows/'),
      );
    const urgent = "when: { answer: urgent, notIn: ['yes'] }";
    expect(check((s) => s.replace(urgent, "when: { answer: urgent, notIn: ['maybe'] }"))).toEqual([
      'flows/callback.yaml:41:5: step "history": condition on "urgent" names unknown answer "maybe"',
    ]);
    expect(check((s) => s.replace(urgent, "when: { answer: urgnt, notIn: ['yes'] }"))).toEqual([
      'flows/callback.yaml:41:5: step "history": condition on "urgnt", which is not a question of this flow',
    ]);
    // Without the question and its role, no history is ever shared: only its texts are left over.
    const without = check((s) =>
      s
        .replace(', history: history }', ' }')
        .replace(/\n {2}# Whether counsellors may see[\s\S]*?callback\.history\.no \}\n/, '\n'),
    );
    expect(without).toEqual(
      ['q', 'yes', 'no'].map(
        (k) => `locales/ru.json: key "callback.history.${k}" is used by no flow and no code`,
      ),
    );
  });

  it('refuses a referral list with a missing language, an id twice, or the id kept for "none"', () => {
    const check = (edit: (s: string) => string) =>
      checkContent(brokenCopy((dir) => editFile(join(dir, 'flows/desk/referrals.yaml'), edit)));
    expect(check((s) => s.replace('      kk: Прокуратура\n', ''))).toEqual([
      'flows/desk/referrals.yaml: organisations.1.name.kk: Invalid input: expected string, received undefined',
    ]);
    expect(check((s) => s.replace('id: medical', 'id: none'))).toEqual([
      'flows/desk/referrals.yaml: organisations.8.id: "none" is kept for "no referral"',
    ]);
    expect(check((s) => s.replace('id: migration', 'id: police'))).toEqual([
      'flows/desk/referrals.yaml: organisations.6.id: "police" twice',
    ]);
    // None at all is allowed: the wizard then asks no referral.
    expect(check(() => 'organisations: []\n')).toEqual([]);
  });

  it('finds the diagrams of every flow up to date in the repository', () => {
    const flows = readdirSync(DIRS.flowsDir).filter((f) => f.endsWith('.yaml'));
    const docs = readdirSync(join(DIRS.root, 'docs', 'flows'));
    expect(docs.sort()).toEqual(flows.map((f) => f.replace(/\.yaml$/, '.md')).sort());
  });
});
