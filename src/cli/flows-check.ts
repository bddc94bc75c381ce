import { type ContentDirs, checkContent } from './check-content.js';
import { type Io, isEntry, runAsEntry } from './io.js';
import { DIRS } from './paths.js';

/** `npm run flows:check`: every problem on a line of its own, and exit code 1 when there is one. */
export async function main(_argv: string[], io: Io, dirs: ContentDirs = DIRS): Promise<number> {
  const problems = checkContent(dirs);
  for (const p of problems) io.stdout.write(`${p}\n`);
  if (problems.length > 0) {
    io.stderr.write(`flows:check: ${problems.length} problem(s)\n`);
    return 1;
  }
  io.stdout.write('flows:check: flows and locales are sound\n');
  return 0;
}

if (isEntry(import.meta.url)) runAsEntry(main);
