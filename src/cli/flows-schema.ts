import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { flowJsonSchema } from './flow-json-schema.js';
import { DIRS } from './paths.js';

const path = join(DIRS.flowsDir, 'flow.schema.json');
writeFileSync(path, flowJsonSchema());
process.stdout.write(`wrote ${path}\n`);
