import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
