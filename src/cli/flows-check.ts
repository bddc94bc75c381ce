import { checkContent } from './check-content.js';
import { DIRS } from './paths.js';

const problems = checkContent(DIRS);
for (const p of problems) process.stdout.write(`${p}\n`);
if (problems.length > 0) {
  process.stderr.write(`flows:check: ${problems.length} problem(s)\n`);
  process.exit(1);
}
process.stdout.write('flows:check: flows and locales are sound\n');
