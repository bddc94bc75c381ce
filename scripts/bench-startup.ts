import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { ROOT } from '../src/cli/paths.js';
import { childrenCpuMs } from './bench-ocr.js';
import { dropKeys } from './drop-keys.js';

/**
 * `npm run bench -- --only startup` (issue 19: each at most 1 s): how long the shipped commands take to
 * start, as a person runs them, npm included, on a dist/ that is already fresh (built once before):
 * - `analyze_ms`: `npm run --silent analyze -- --json` on one ad, to its exit;
 * - `chat_ms`: `npm run --silent chat` to the first thing it writes (the greeting, a new person's);
 * - `start_ms`: `npm run --silent start` with no platform configured, to the same greeting.
 * Medians of `runs` runs of each, taken in turn, on the clock and (`*_cpu_ms`, Linux) in the processor
 * time of the command and all its processes, which a machine busy with other work stretches less. The chats use Redis under a prefix of their own (removed
 * after) and a new person each run; no .env is read beyond the one in the working directory, and the
 * platforms' and "seen before"'s settings are taken out of the environment.
 */
const AD = 'Требуются девушки в Дубай, без опыта, 3000$, пишите в WhatsApp +7 701 234 56 78';
const TIMEOUT_MS = 30_000;

/** The environment without any platform or "seen before" setting: the terminal chat, no intel. */
function cleanEnv(prefix: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!/^(TELEGRAM_|WHATSAPP_|INTEL_SECRET|OPERATORS_|npm_)/.test(k)) env[k] = v;
  return { ...env, REDIS_PREFIX: prefix, LOG_LEVEL: 'warn' };
}

/**
 * Runs `npm args` with `input` on stdin, and gives the ms from the spawn to the first non-blank output
 * on stdout (`untilOutput`) or to its exit, and the processor time of the whole run (to its exit: a chat
 * ends when its input does). Waits for the exit either way, so runs never overlap.
 */
function timeRun(args: string[], input: string, env: NodeJS.ProcessEnv, untilOutput: boolean) {
  return new Promise<{ ms: number; cpu: number }>((resolve, reject) => {
    const cpu0 = childrenCpuMs() ?? 0;
    const t0 = performance.now();
    let at: number | undefined;
    const child = spawn('npm', args, { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout.on('data', (d: Buffer) => {
      if (at === undefined && d.toString().trim().length > 0) at = performance.now();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const end = performance.now();
      if (code !== 0) reject(new Error(`npm ${args.join(' ')}: exit ${code}: ${stderr.slice(0, 500)}`));
      else if (untilOutput && at === undefined) reject(new Error(`npm ${args.join(' ')}: no output`));
      else resolve({ ms: (untilOutput ? (at as number) : end) - t0, cpu: (childrenCpuMs() ?? 0) - cpu0 });
    });
    child.stdin.end(input);
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

export async function benchStartup(redisUrl: string, runs = 5) {
  // The commands read .env for what the environment lacks: one that sets a platform would start a real
  // bot (polling its token) instead of the terminal chat. Refused rather than measured.
  const dotEnv = join(ROOT, '.env');
  if (
    existsSync(dotEnv) &&
    /^\s*(?:TELEGRAM_|WHATSAPP_|INTEL_SECRET|OPERATORS_)/m.test(readFileSync(dotEnv, 'utf8'))
  )
    throw new Error(
      'bench startup: .env sets a platform or INTEL_SECRET, and the commands would read it; move .env aside to measure the terminal chat',
    );
  // dist/ built once beforehand: the runs measure a start with nothing changed.
  spawnSync(process.execPath, ['scripts/built.mjs'], { cwd: ROOT, stdio: 'ignore' });
  const prefix = `tekser-bench-startup:${randomBytes(4).toString('hex')}:`;
  const env = cleanEnv(prefix);
  const load = [loadavg()[0] as number];
  const times = { analyze: [] as number[], chat: [] as number[], start: [] as number[] };
  const cpu = { analyze: [] as number[], chat: [] as number[], start: [] as number[] };
  const add = (part: keyof typeof times, run: { ms: number; cpu: number }) => {
    times[part].push(run.ms);
    cpu[part].push(run.cpu);
  };
  for (let i = 0; i < runs; i++) {
    add('analyze', await timeRun(['run', '--silent', 'analyze', '--', '--json'], AD, env, false));
    add('chat', await timeRun(['run', '--silent', 'chat', '--', '--user', `c${i}`], '\n', env, true));
    add('start', await timeRun(['run', '--silent', 'start', '--', '--user', `s${i}`], '\n', env, true));
  }
  load.push(loadavg()[0] as number);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  await dropKeys(redis, prefix);
  await redis.quit();
  const ms = (xs: number[]) => Math.round(median(xs));
  return {
    runs,
    analyze_ms: ms(times.analyze),
    chat_ms: ms(times.chat),
    start_ms: ms(times.start),
    analyze_cpu_ms: ms(cpu.analyze),
    chat_cpu_ms: ms(cpu.chat),
    start_cpu_ms: ms(cpu.start),
    analyze_range_ms: [Math.round(Math.min(...times.analyze)), Math.round(Math.max(...times.analyze))],
    chat_range_ms: [Math.round(Math.min(...times.chat)), Math.round(Math.max(...times.chat))],
    start_range_ms: [Math.round(Math.min(...times.start)), Math.round(Math.max(...times.start))],
    load_average: load.map((l) => Math.round(l * 100) / 100),
  };
}
