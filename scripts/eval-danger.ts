import { parseArgs } from 'node:util';
import { evaluateDanger, formatDangerEvaluation } from '../src/domain/danger/evaluate.js';
import { isEmergencyText } from '../src/domain/emergency.js';
import { OPEN_DANGER_DIR, readDangerCorpus } from './danger-corpus.js';

/** `npm run eval:danger [-- --dir DIR] [--quiet]`: the words of danger against a labelled set. */
const { values } = parseArgs({ options: { dir: { type: 'string' }, quiet: { type: 'boolean' } } });
const messages = readDangerCorpus(values.dir ?? OPEN_DANGER_DIR);
const ev = evaluateDanger(messages, (text) => ({ danger: isEmergencyText(text) }));
process.stdout.write(`${formatDangerEvaluation(ev, !values.quiet)}\n`);
