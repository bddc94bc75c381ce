import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript (it runs before anything is compiled), without types.
import { fingerprint, isFresh, STAMP } from '../scripts/built.mjs';
import { ROOT } from '../src/cli/paths.js';

describe('the shipped commands run compiled code', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const shipped = ['start', 'chat', 'analyze', 'danger', 'stats', 'flows:check', 'flows:schema'];
  it.each(shipped)('%s: dist/ made fresh first, then plain Node on the build of a source in src/', (name) => {
    // Node's own options may come before the file (start: --max-semi-space-size, test/deploy.test.ts).
    const m = (pkg.scripts[name] ?? '').match(
      /^node scripts\/built\.mjs && node (?:--[\w-]+(?:=\S+)? )*dist\/(\S+)\.js$/,
    );
    expect(m, pkg.scripts[name]).not.toBeNull();
    expect(existsSync(join(ROOT, 'src', `${m?.[1]}.ts`))).toBe(true);
  });
});

describe('scripts/built.mjs: when dist/ must be built again', () => {
  const root = mkdtempSync(join(tmpdir(), 'tekser-built-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'src', 'cli'), { recursive: true });
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'src', 'main.ts'), 'export {};\n');
  writeFileSync(join(root, 'src', 'cli', 'a.ts'), 'export const a = 1;\n');
  writeFileSync(join(root, 'tsconfig.json'), '{}\n');
  const stamp = () => writeFileSync(join(root, 'dist', STAMP), `${fingerprint(root)}\n`);

  it('is stale with no stamp, fresh once stamped', () => {
    expect(isFresh(root)).toBe(false);
    stamp();
    expect(isFresh(root)).toBe(true);
  });
  it('is stale after a source is edited, added or removed, or a tsconfig changes', () => {
    stamp();
    utimesSync(join(root, 'src', 'cli', 'a.ts'), new Date(), new Date(Date.now() + 5000));
    expect(isFresh(root)).toBe(false);
    stamp();
    writeFileSync(join(root, 'src', 'cli', 'b.ts'), 'export const b = 1;\n');
    expect(isFresh(root)).toBe(false);
    stamp();
    rmSync(join(root, 'src', 'cli', 'b.ts'));
    expect(isFresh(root)).toBe(false);
    stamp();
    writeFileSync(join(root, 'tsconfig.json'), '{"compilerOptions":{}}\n');
    expect(isFresh(root)).toBe(false);
  });
});
