import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCannedReplies } from '../domain/handoff/desk-content.js';

/** The counsellors' desk content (flows/desk/replies.yaml): its schema, every problem a line. */
export function checkDesk(flowsDir: string, rel: (p: string) => string, problems: string[]): void {
  const path = join(flowsDir, 'desk', 'replies.yaml');
  if (!existsSync(path)) return;
  try {
    parseCannedReplies(readFileSync(path, 'utf8'), rel(path));
  } catch (err) {
    problems.push(...(err as Error).message.split('\n'));
  }
}
