import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULTS, parseConfig } from '../../server/config.js';
import { redactDatabaseUrl } from '../../server/store/pg/connect.js';

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

  it('DATABASE_URL: unset means the file store; postgres:// and postgresql:// URLs are taken; others are refused without echoing a password', () => {
    expect(parseConfig({}).databaseUrl).toBeNull();
    expect(parseConfig({ DATABASE_URL: '  ' }).databaseUrl).toBeNull();
    for (const url of ['postgres://rt:pw@db.example:5432/roundtable', 'postgresql://rt@127.0.0.1/roundtable?options=-c%20search_path%3Dtenant']) {
      expect(parseConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    }
    const refused = (value: string) => {
      try {
        parseConfig({ DATABASE_URL: value });
      } catch (e) {
        return (e as ConfigError).problems.join('\n');
      }
      throw new Error(`accepted ${value}`);
    };
    expect(refused('mysql://rt:hunter22@db/roundtable')).toBe('DATABASE_URL must start with postgres:// or postgresql://, got mysql://');
    expect(refused('hunter22')).toMatch(/^DATABASE_URL must be a URL like postgres:\/\/user:password@host:5432\/database/);
    expect(refused('postgres://rt:hunter22@db.example')).toMatch(/must name a database/);
    for (const value of ['mysql://rt:hunter22@db/roundtable', 'hunter22', 'postgres://rt:hunter22@db.example']) expect(refused(value)).not.toContain('hunter22');
    expect(redactDatabaseUrl('postgres://rt:hunter22@db.example:5432/roundtable')).toBe('postgres://rt:***@db.example:5432/roundtable');
  });
});
