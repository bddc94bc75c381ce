import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContentDirs } from './check-content.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIRS: ContentDirs = {
  root: ROOT,
  flowsDir: join(ROOT, 'flows'),
  localesDir: join(ROOT, 'locales'),
  srcDir: join(ROOT, 'src'),
};
