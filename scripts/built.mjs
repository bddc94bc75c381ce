// `node scripts/built.mjs`: makes sure dist/ is the build of today's sources, building it only when it is
// not. `npm start`, `npm run chat` and the shipped commands run it first, then plain Node on dist/, so a
// fresh clone (`npm install && npm start`), a pull or an edit never runs stale code, and a start with
// nothing changed costs one small process instead of compiling TypeScript. Plain JavaScript: it must
// run before anything is compiled. Everything it says goes to stderr: `analyze --json` owns stdout.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** What the build reads besides src/: a change to any of them makes a new build. */
const INPUTS = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

/**
 * A fingerprint of the build's inputs: every file under src/ and each of INPUTS by path, size and
 * modification time. Paths are in it, so a file removed or renamed changes it too.
 */
export function fingerprint(root = ROOT) {
  const hash = createHash('sha256');
  const add = (path) => {
    const s = statSync(path, { throwIfNoEntry: false });
    hash.update(`${relative(root, path)}\0${s ? `${s.size}:${s.mtimeMs}` : '-'}\n`);
  };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else add(path);
    }
  };
  walk(join(root, 'src'));
  for (const file of INPUTS) add(join(root, file));
  return hash.digest('hex');
}

export const STAMP = '.build-stamp';

/** True when dist/ holds the build of the inputs as they are now. */
export function isFresh(root = ROOT) {
  const stamp = join(root, 'dist', STAMP);
  return existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === fingerprint(root);
}

/**
 * Builds dist/ and stamps it with the fingerprint taken before (a file edited during the build makes the
 * next start build again); gives tsc's exit code. Two starts at once may both build: they write the same
 * files.
 */
export function build(root = ROOT) {
  const before = fingerprint(root);
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc)) {
    process.stderr.write(
      'tekser: dist/ is missing or out of date and TypeScript is not installed: run npm install\n',
    );
    return 1;
  }
  process.stderr.write('tekser: building dist/ from src/ (once after an install, a pull or an edit)…\n');
  const ran = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (ran.status !== 0) return ran.status ?? 1;
  writeFileSync(join(root, 'dist', STAMP), `${before}\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!isFresh()) process.exitCode = build();
}
