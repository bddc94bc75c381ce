import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { flatten } from '../src/cli/check-content.js';
import { FLOW_DOCS, flowDoc } from '../src/cli/flow-diagram.js';
import { DIRS, ROOT } from '../src/cli/paths.js';
import { isLang } from '../src/domain/language.js';
import { loadFlows } from '../src/infra/content.js';

/**
 * Writes docs/flows/<flow>.md with a Mermaid diagram of each flow, for the NGO to review the logic, and
 * removes the diagram of a flow that is gone. `npm run flows:check` fails while they are out of date.
 */
const { values } = parseArgs({
  options: { lang: { type: 'string', default: 'en' }, out: { type: 'string' } },
});
const lang = isLang(values.lang) ? values.lang : 'en';
const out = values.out ?? join(ROOT, ...FLOW_DOCS);
mkdirSync(out, { recursive: true });
const texts = flatten(JSON.parse(readFileSync(join(DIRS.localesDir, `${lang}.json`), 'utf8')));
const flows = loadFlows(DIRS.flowsDir);
for (const file of readdirSync(out)) {
  if (file.endsWith('.md') && !flows.has(file.slice(0, -3))) rmSync(join(out, file));
}
for (const flow of flows.values()) {
  const path = join(out, `${flow.id}.md`);
  writeFileSync(
    path,
    flowDoc(flow, (key) => texts.get(key) ?? key),
  );
  process.stdout.write(`wrote ${path}\n`);
}
