import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COUNSELLOR_COMMANDS } from '../src/channels/telegram/command-menus.js';
import { checkContent, flatten, placeholders } from '../src/cli/check-content.js';
import { DIRS } from '../src/cli/paths.js';

const read = (lang: string) =>
  flatten(JSON.parse(readFileSync(join(DIRS.localesDir, `${lang}.json`), 'utf8')));
const en = read('en');
const ru = read('ru');
const kk = read('kk');
const base = (k: string) => k.replace(/_(one|few|many|other)$/, '');
const KAZAKH = /[әғқңөұүһі]/i;
/** Names and symbols that are the same in every language. */
const SAME_EVERYWHERE = new Set([
  'language.ru',
  'language.kk',
  'language.en',
  'verdict.todo',
  // Kazakh weekday abbreviations (Дс Сс Ср Бс Жм Сб Жс): Ср (сәрсенбі) and Сб (сенбі) are spelt as in Russian.
  'days.wed',
  'days.sat',
  // Names of platforms, and lines of the operators' chat that are only an id and the person's words.
  'ops.channel.tg',
  'ops.channel.wa',
  'ops.channel.cli',
  'ops.from_person',
  'ops.topic',
  'ops.intel.contact',
  // An earlier request on a card: its date, id and outcome (the outcome's words are translated).
  'ops.history.entry',
]);

describe('locales', () => {
  it('pass flows:check: every key in all three files, same placeholders, plural forms, no unused keys', () => {
    expect(checkContent(DIRS)).toEqual([]);
  });

  it('have the same keys and placeholders in ru, kk and en', () => {
    const keys = (m: Map<string, string>) => [...new Set([...m.keys()].map(base))].sort();
    expect(keys(ru)).toEqual(keys(en));
    expect(keys(kk)).toEqual(keys(en));
    for (const [key, value] of en) {
      if (key !== base(key)) continue;
      expect(placeholders(ru.get(key) ?? ''), `ru ${key}`).toEqual(placeholders(value));
      expect(placeholders(kk.get(key) ?? ''), `kk ${key}`).toEqual(placeholders(value));
    }
  });

  it('have Russian plural forms one/few/many/other and Kazakh one/other', () => {
    expect([...ru.keys()].filter((k) => k.startsWith('menu.resume_')).sort()).toEqual([
      'menu.resume_few',
      'menu.resume_many',
      'menu.resume_one',
      'menu.resume_other',
    ]);
    expect([...kk.keys()].filter((k) => k.startsWith('menu.resume_')).sort()).toEqual([
      'menu.resume_one',
      'menu.resume_other',
    ]);
  });

  it('write Kazakh in Kazakh: never the Russian text, and with Kazakh letters wherever a sentence is', () => {
    const copied = [...kk].filter(([k, v]) => !SAME_EVERYWHERE.has(k) && ru.get(k) === v).map(([k]) => k);
    expect(copied).toEqual([]);
    // Any Kazakh text of four Cyrillic words or more has at least one letter Russian does not have.
    const withoutKazakhLetters = [...kk]
      .filter(
        ([, v]) =>
          v
            .replace(/\{\{[^}]+\}\}/g, '')
            .split(/\s+/)
            .filter((w) => /[\u0400-\u04FF]{2,}/u.test(w)).length >= 4,
      )
      .filter(([, v]) => !KAZAKH.test(v))
      .map(([k]) => k);
    expect(withoutKazakhLetters).toEqual([]);
    const share = [...kk.values()].filter((v) => KAZAKH.test(v)).length / kk.size;
    expect(share).toBeGreaterThan(0.7);
  });

  it("name every counsellor command and the card's buttons in the operators' help", () => {
    for (const m of [ru, kk, en]) {
      const help = m.get('ops.help') ?? '';
      for (const command of COUNSELLOR_COMMANDS) expect(help, command).toContain(`/${command}`);
      for (const button of [
        'ops.take',
        'ops.resolve',
        'ops.cases.release',
        'ops.cases.reassign',
        'ops.cases.replies',
      ]) {
        const label = (m.get(button) ?? '').replace(/^\S+ /, '');
        expect(help, button).toContain(label);
      }
    }
  });
});
