import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCannedReplies, parseReferrals } from '../domain/handoff/desk-content.js';

/** The counsellors' desk content (flows/desk/): each file's schema, every problem a line. */
export function checkDesk(flowsDir: string, rel: (p: string) => string, problems: string[]): void {
  const files: [name: string, parse: (source: string, file: string) => unknown][] = [
    ['replies.yaml', parseCannedReplies],
    ['referrals.yaml', parseReferrals],
  ];
  for (const [name, parse] of files) {
    const path = join(flowsDir, 'desk', name);
    if (!existsSync(path)) continue;
    try {
      parse(readFileSync(path, 'utf8'), rel(path));
    } catch (err) {
      problems.push(...(err as Error).message.split('\n'));
    }
  }
}
