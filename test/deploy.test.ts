import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../src/cli/paths.js';

// No Docker engine runs here: the files are checked for what matters, as text.
describe('the deployment files', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  it('build in two stages, run as a non-root user with production dependencies, and check /healthz', () => {
    expect(dockerfile.match(/^FROM node:\d+-slim/gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK[\s\S]*\/healthz/m);
  });
  it('run on a Node LTS that is not past its end of life, one that `engines` supports', () => {
    // Node 20 reached its end of life in April 2026; 22 and 24 are the LTS lines.
    const majors = [...dockerfile.matchAll(/^FROM node:(\d+)-slim/gm)].map((m) => Number(m[1]));
    expect(new Set(majors)).toEqual(new Set([24]));
    const engines: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.node;
    const ranges = engines.split('||').map((r) => r.trim());
    // Each range's lowest major: 22 and 24 are in, 20 (end of life) is not.
    const lowest = ranges.map((r) => Number(/(\d+)/.exec(r)?.[1]));
    expect(lowest).toContain(24);
    expect(Math.min(...lowest)).toBeGreaterThanOrEqual(22);
    expect(ranges.some((r) => r.startsWith('>=') && Number(/(\d+)/.exec(r)?.[1]) <= 24)).toBe(true);
  });
  it('start compiled code with source maps on, so a stack trace names the TypeScript lines', () => {
    expect(dockerfile).toMatch(
      /^CMD \["node", "--enable-source-maps", "--max-semi-space-size=32", "dist\/main.js"\]$/m,
    );
    const build = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8'));
    expect(build.compilerOptions.sourceMap).toBe(true);
  });
  it('compose tekser with a Redis that keeps its data (append-only file, a volume)', () => {
    const compose = parse(readFileSync(join(ROOT, 'compose.yaml'), 'utf8'));
    expect(compose.services.redis.command.join(' ')).toMatch(/--appendonly yes/);
    expect(compose.services.redis.volumes[0]).toMatch(/:\/data$/);
    expect(Object.keys(compose.volumes)).toContain('redis-data');
    expect(compose.services.tekser.environment.REDIS_URL).toBe('redis://redis:6379');
    expect(compose.services.tekser.depends_on.redis.condition).toBe('service_healthy');
  });
  it('publish tekser on this host only, and the webhooks over HTTPS through Caddy', () => {
    const compose = parse(readFileSync(join(ROOT, 'compose.yaml'), 'utf8'));
    // /metrics and the rest of port 8080 are not reachable from outside.
    expect(compose.services.tekser.ports).toEqual(['127.0.0.1:8080:8080']);
    for (const [name, service] of Object.entries(compose.services) as [string, { ports?: string[] }][])
      for (const port of service.ports ?? [])
        if (/8080/.test(port)) expect(port, name).toMatch(/^127\.0\.0\.1:/);
    const caddy = compose.services.caddy;
    expect(caddy.image).toMatch(/^caddy:2/);
    expect(caddy.ports).toEqual(expect.arrayContaining(['80:80', '443:443']));
    expect(caddy.volumes).toEqual(expect.arrayContaining(['./Caddyfile:/etc/caddy/Caddyfile:ro']));
    // Certificates survive a restart: Caddy's /data is a volume.
    expect(caddy.volumes.some((v: string) => /:\/data$/.test(v))).toBe(true);
    expect(Object.keys(compose.volumes)).toContain('caddy-data');
    const caddyfile = readFileSync(join(ROOT, 'Caddyfile'), 'utf8');
    // A site named by a domain: Caddy gets and renews its certificate (no `tls internal`, no http://).
    expect(caddyfile).toMatch(/^\{\$TEKSER_DOMAIN[^}]*\} \{$/m);
    expect(caddyfile).not.toMatch(/tls internal|http:\/\//);
    expect(caddyfile).toMatch(/handle \/webhooks\/\* \{\s*reverse_proxy tekser:8080\s*\}/);
    expect(caddyfile).toMatch(/handle \{\s*respond 404\s*\}/);
  });
});

describe('npm start', () => {
  it('runs the build with the young generation the image has (fewer scavenges: Telegram p99)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.start).toBe('node scripts/built.mjs && node --max-semi-space-size=32 dist/main.js');
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
