import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DialogueService } from '../../src/app/dialogue-service.js';
import { runChat } from '../../src/channels/console/chat.js';
import { main, openConsoleStore } from '../../src/channels/console/cli.js';
import { loadConfig } from '../../src/config.js';
import type { Lang } from '../../src/domain/language.js';
import { createLogger } from '../../src/infra/logger.js';
import { deps, emergencyText, text } from '../helpers/content.js';
import {
  adPicture,
  chatPicture,
  HAS_TESSERACT,
  NO_TESSERACT_REASON,
  PICTURE_AD,
} from '../helpers/picture.js';
import { dropPrefix, REDIS_URL, testPrefix, testRedis } from '../helpers/redis.js';
import { runMain } from '../helpers/run.js';
import { runTs } from '../helpers/spawn.js';

const redis = testRedis();
const prefix = testPrefix('console');
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

/**
 * Runs the terminal chat as a person would, piped (`... | npm run --silent chat -- args`), in this
 * process: its input and output are streams of the test's own, with a fixed locale (the terminal chat
 * greets in the system's language when it knows it).
 */
function chat(args: string[], input: string, env: Record<string, string> = {}) {
  return runMain(main, args, { REDIS_URL, REDIS_PREFIX: prefix, LANG: 'C.UTF-8', ...env }, input);
}

describe('the terminal chat, piped', () => {
  it('starts as its own process: "yes 1 | head -40 | npm run --silent chat" runs a whole check and exits 0', async () => {
    const { code, stdout } = await runTs(
      'src/channels/console/cli.ts',
      ['--lang', 'ru', '--flow', 'offer-check', '--user', 'pipe-process'],
      { REDIS_URL, REDIS_PREFIX: prefix },
      '1\n'.repeat(40),
    );
    expect(code).toBe(0);
    expect(stdout).toContain(text('ru', 'offer.intro'));
    expect(stdout).toContain(text('ru', 'verdict.level.low'));
  });

  it('--jsonl prints each message the bot sends as one JSON line with its buttons, for programs', async () => {
    const { code, stdout } = await chat(
      ['--lang', 'en', '--flow', 'offer-check', '--user', 'jsonl', '--jsonl'],
      '1\nwhat?\n',
    );
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    const messages = lines.map((l) => JSON.parse(l) as { text: string; buttons: string[] });
    expect(messages[0]).toEqual({ text: text('en', 'offer.intro'), buttons: [] });
    expect(messages[1]?.text).toBe(text('en', 'offer.situation.q'));
    expect(messages[1]?.buttons).toEqual([
      text('en', 'offer.situation.considering'),
      text('en', 'offer.situation.abroad_now'),
      text('en', 'common.dont_know'),
    ]);
    expect(messages.at(-1)?.text).toBe(text('en', 'offer.where.q'));
    expect(messages.some((m) => m.text === text('en', 'common.hint_choice'))).toBe(true);
    // No prompt, no echo: every line is JSON.
    expect(stdout).not.toContain('›');
  });

  for (const lang of ['ru', 'kk', 'en'] as Lang[]) {
    it(`runs a whole check in ${lang} from "yes 1 | head -40" and exits 0`, async () => {
      const { code, stdout } = await chat(
        ['--lang', lang, '--flow', 'offer-check', '--user', `pipe-${lang}`],
        '1\n'.repeat(40),
      );
      expect(code).toBe(0);
      expect(stdout).toContain(text(lang, 'offer.intro'));
      expect(stdout).toContain(text(lang, 'offer.passport.q'));
      expect(stdout).toContain(text(lang, 'verdict.level.low'));
      expect(stdout).toContain(`  1. ${text(lang, 'offer.situation.considering')}`);
    });
  }

  it('finishes a risky check by typed numbers: critical, and the hotline rather than the numbers of someone in danger', async () => {
    // considering, Gulf, 18 or older, online, no employer, refused, messengers, secret, rushed, dancer,
    // looks, young women only, swimsuit photos, passport scans, changed, too high, cash, fees, deducted,
    // verbal, tourist visa, passport kept by the employer.
    const picks = [1, 4, 1, 4, 3, 4, 2, 2, 2, 8, 2, 2, 2, 2, 2, 2, 3, 2, 3, 3, 2, 2];
    const { code, stdout } = await chat(
      ['--lang', 'en', '--flow', 'offer-check', '--user', 'risky'],
      `${picks.join('\n')}\n`,
    );
    expect(code).toBe(0);
    expect(stdout).toContain(text('en', 'verdict.level.critical'));
    expect(stdout).toContain(text('en', 'verdict.summary.critical_offer'));
    // Someone still weighing the offer is not in danger now: no emergency block, no "Get help now".
    expect(stdout).not.toContain(emergencyText('en'));
    expect(stdout).not.toContain(text('en', 'help_now.title'));
  });

  it('gives "Get help now" before the critical verdict to someone already there who cannot leave', async () => {
    // Already there, in Turkey, 18 or older, cannot leave: help now; then going on (typed), passport kept,
    // the rest unknown.
    const lines = ['2', '5', '1', '2', text('en', 'help_now.continue'), '2', ...Array(20).fill('3')];
    const { code, stdout } = await chat(
      ['--lang', 'en', '--flow', 'offer-check', '--user', 'there'],
      `${lines.join('\n')}\n`,
    );
    expect(code).toBe(0);
    const help = stdout.indexOf(text('en', 'help_now.title'));
    const critical = stdout.indexOf(text('en', 'verdict.level.critical'));
    expect(help).toBeGreaterThanOrEqual(0);
    expect(critical).toBeGreaterThan(help);
    expect(stdout).toContain('Turkey: 112');
  });

  it('keeps the person across runs with --user, and greets a new one with the menu', async () => {
    await chat(['--lang', 'kk', '--flow', 'offer-check', '--user', 'twice'], '1\n1\n');
    const { stdout } = await chat(['--user', 'twice'], '');
    expect(stdout).toContain(text('kk', 'common.welcome_back'));
    expect(stdout).toContain(text('kk', 'offer.age.q'));
    const fresh = await chat(['--user', 'fresh'], '/help\n');
    expect(fresh.stdout).toContain(text('ru', 'menu.q'));
    expect(fresh.stdout).toContain('/cancel');
  });

  it('runs on memory and says so in one line when REDIS_URL is not set and no Redis answers', async () => {
    const config = { ...loadConfig({}), redisUrl: 'redis://127.0.0.1:1' };
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
      lines.push(String(s));
      return true;
    });
    const store = await openConsoleStore(config).finally(() => spy.mockRestore());
    expect(store.kind).toBe('memory');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^No Redis answers at redis:\/\/127.0.0.1:1: running on memory/);
    // The whole chat works on it.
    const output = new PassThrough();
    let out = '';
    output.on('data', (d) => {
      out += d;
    });
    await runChat({
      service: new DialogueService({ deps: await deps(), store, log: createLogger('silent') }),
      who: { channel: 'cli', id: 'mem' },
      input: Readable.from(['1\n', '1\n']),
      output,
      echo: true,
      first: { kind: 'open', flow: 'offer-check' },
    });
    expect(out).toContain(text('ru', 'offer.age.q'));
    // With REDIS_URL set, a Redis that does not answer stops the start instead.
    await expect(openConsoleStore({ ...config, redisUrlGiven: true })).rejects.toThrow(
      /REDIS_URL does not answer/,
    );
  });

  it('stops with one clear line on a bad argument or a bad setting', async () => {
    const bad = await chat(['--lang', 'de'], '');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--lang must be ru, kk or en/);
    const badEnv = await chat([], '', { STATE_TTL_DAYS: 'forever' });
    expect(badEnv.code).toBe(1);
    expect(badEnv.stderr.trim()).toMatch(/^tekser: configuration: STATE_TTL_DAYS: /);
  });
});

describe.skipIf(!HAS_TESSERACT)(
  `the terminal chat, --image${HAS_TESSERACT ? '' : ` (skipped: ${NO_TESSERACT_REASON})`}`,
  () => {
    // The test's own pictures, in a folder of its own that goes with it.
    const dir = mkdtempSync(join(tmpdir(), 'tekser-chat-image-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const file = (name: string, bytes: Uint8Array | string) => {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return path;
    };

    it('a screenshot of her chat with words of danger, as the first message: the numbers first', async () => {
      const path = file('chat.png', await chatPicture());
      const { code, stdout } = await chat(['--lang', 'ru', '--user', 'image-danger', '--image', path], '');
      expect(code).toBe(0);
      expect(stdout.trimStart().startsWith(text('ru', 'emergency.heard'))).toBe(true);
      expect(stdout).not.toContain(text('ru', 'picture.not_an_ad'));
    });

    it('a picture of an ad: its verdict, as today; a file that is not a picture: one line', async () => {
      const path = file('ad.jpg', await adPicture(PICTURE_AD, 'jpeg'));
      const { code, stdout } = await chat(['--lang', 'en', '--user', 'image-ad', '--image', path], '');
      expect(code).toBe(0);
      expect(stdout).toContain(text('en', 'ad.taken'));
      expect(stdout).toContain(text('en', 'flags.wrong_visa.title'));
      expect(stdout).not.toContain(text('en', 'emergency.heard'));
      const notes = file('notes.txt', PICTURE_AD);
      const refused = await chat(['--image', notes], '');
      expect(refused.code).toBe(1);
      expect(refused.stderr.trim().split('\n')).toEqual([`tekser: ${notes}: not a PNG or JPEG picture`]);
      const both = await chat(['--image', path, '--flow', 'offer-check'], '');
      expect(both.stderr.trim()).toBe('tekser: --image is the first message: not with --flow');
    });
  },
);
