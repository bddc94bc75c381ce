import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { intelStoreFor } from '../src/store/intel.js';
import { testRedis } from './helpers/redis.js';

describe('the configuration of "seen before"', () => {
  it('is off without INTEL_SECRET, and keeps a year by default', () => {
    const config = loadConfig({});
    expect(config.INTEL_SECRET).toBeUndefined();
    expect(config.INTEL_RETENTION_DAYS).toBe(365);
    const redis = testRedis();
    try {
      expect(intelStoreFor(redis, config)).toBeUndefined();
      expect(intelStoreFor(redis, loadConfig({ INTEL_SECRET: 'a'.repeat(64) }))).toBeDefined();
    } finally {
      redis.disconnect();
    }
  });

  it('refuses a short secret and a retention out of range, with one line naming the variable', () => {
    expect(() => loadConfig({ INTEL_SECRET: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ INTEL_SECRET: 'short' })).toThrow(/INTEL_SECRET: at least 32 characters/);
    expect(() => loadConfig({ INTEL_RETENTION_DAYS: '0' })).toThrow(/INTEL_RETENTION_DAYS/);
    expect(loadConfig({ INTEL_RETENTION_DAYS: '90' }).INTEL_RETENTION_DAYS).toBe(90);
  });
});
