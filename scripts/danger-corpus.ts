import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ROOT } from '../src/cli/paths.js';
import type { LabelledMessage } from '../src/domain/danger/evaluate.js';

/** The open part of the messages about danger, by writers whose texts may be read while improving. */
export const OPEN_DANGER_DIR = join(ROOT, 'test', 'fixtures', 'corpus', 'open', 'danger');

const MessageSchema = z.object({
  id: z.string(),
  writer: z.string(),
  lang: z.enum(['ru', 'kk', 'en', 'mixed']),
  danger: z.boolean(),
  text: z.string().min(1),
});

/** Every writer's file in a folder of labelled messages, in the order of the writers' tags. */
export function readDangerCorpus(dir: string = OPEN_DANGER_DIR): LabelledMessage[] {
  const messages: LabelledMessage[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    messages.push(...z.array(MessageSchema).parse(parseYaml(readFileSync(join(dir, file), 'utf8'))));
  }
  return messages;
}
