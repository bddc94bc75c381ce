import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../src/cli/paths.js';

// No Docker engine runs here: the files are checked for what matters, as text.
describe('the deployment files', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  it('build in two stages, run as a non-root user with production dependencies, and check /healthz', () => {
    expect(dockerfile.match(/^FROM node:20-slim/gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK[\s\S]*\/healthz/m);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/main.js"\]$/m);
  });
  it('compose tekser with a Redis that keeps its data (append-only file, a volume)', () => {
    const compose = parse(readFileSync(join(ROOT, 'compose.yaml'), 'utf8'));
    expect(compose.services.redis.command.join(' ')).toMatch(/--appendonly yes/);
    expect(compose.services.redis.volumes[0]).toMatch(/:\/data$/);
    expect(Object.keys(compose.volumes)).toContain('redis-data');
    expect(compose.services.tekser.environment.REDIS_URL).toBe('redis://redis:6379');
    expect(compose.services.tekser.depends_on.redis.condition).toBe('service_healthy');
  });
});

describe('the build', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    );
  it('holds only src/, and nothing in src/ imports a devDependency, a script, the fakes or the tests', () => {
    const build = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8'));
    expect(build.include).toEqual(['src']);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const dependencies = new Set(Object.keys(pkg.dependencies));
    const wrong: string[] = [];
    for (const file of files(join(ROOT, 'src'))) {
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(
        /(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'([^']+)'|import\s*\(?\s*'([^']+)'/g,
      )) {
        const spec = (m[1] ?? m[2]) as string;
        if (spec.startsWith('node:')) continue;
        if (spec.startsWith('.')) {
          const target = relative(ROOT, join(file, '..', spec));
          if (!target.startsWith('src/')) wrong.push(`${relative(ROOT, file)} -> ${spec}`);
          continue;
        }
        const name = spec.startsWith('@')
          ? spec.split('/').slice(0, 2).join('/')
          : (spec.split('/')[0] as string);
        if (!dependencies.has(name)) wrong.push(`${relative(ROOT, file)} -> ${spec}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
