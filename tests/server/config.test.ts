import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULTS, parseConfig } from '../../server/config.js';

describe('configuration', () => {
  it('has documented defaults', () => {
    const c = parseConfig({});
    expect(c.host).toBe('127.0.0.1');
    expect(c.port).toBe(DEFAULTS.port);
    expect(c.dataDir).toBe(path.resolve('./data'));
    expect(c.maxMessageBytes).toBe(DEFAULTS.maxMessageBytes);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads PORT, HOST, DATA_DIR and MAX_MESSAGE_BYTES', () => {
    const c = parseConfig({ PORT: '9000', HOST: '0.0.0.0', DATA_DIR: '/tmp/rt', MAX_MESSAGE_BYTES: '2048' });
    expect([c.port, c.host, c.dataDir, c.maxMessageBytes]).toEqual([9000, '0.0.0.0', '/tmp/rt', 2048]);
  });

  it('lists every invalid value in one error', () => {
    let err: unknown;
    try {
      parseConfig({ PORT: 'eighty', MAX_MESSAGE_BYTES: '-1', LOG_LEVEL: 'loud', HOST: 'a b' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/PORT.*eighty/);
    expect(problems.join('\n')).toMatch(/MAX_MESSAGE_BYTES/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL/);
    expect(problems.join('\n')).toMatch(/HOST/);
    expect(() => parseConfig({ PORT: '70000' })).toThrow(/PORT must be between 0 and 65535/);
  });
});
