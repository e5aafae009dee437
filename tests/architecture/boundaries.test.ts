import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.includes('node_modules'))
    .map((f) => path.join(dir, f));
}

/** Every module specifier a file imports (static, dynamic and re-exports). */
function imports(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g)) {
    out.push((m[1] ?? m[2] ?? m[3])!);
  }
  return out;
}

function violations(dir: string, allowed: (spec: string, file: string) => boolean): string[] {
  const bad: string[] = [];
  for (const file of sources(dir)) for (const spec of imports(file)) if (!allowed(spec, file)) bad.push(`${file} imports ${spec}`);
  return bad;
}

const leavesTo = (file: string, spec: string, top: string) =>
  spec.startsWith('.') && path.normalize(path.join(path.dirname(file), spec)).startsWith(top + path.sep);

describe('module boundaries', () => {
  it('the scanner sees imports (so the rules below can fail)', () => {
    expect(imports('server/server.ts')).toContain('@hono/node-server');
    expect(imports('shared/schema/read.ts')).toContain('yjs');
  });

  it('shared/ is pure: only yjs, lib0 and itself', () => {
    expect(
      violations('shared', (spec, file) =>
        spec.startsWith('.') ? leavesTo(file, spec, 'shared') : spec === 'yjs' || spec === 'lib0' || spec.startsWith('lib0/'),
      ),
    ).toEqual([]);
  });

  it('shared/ uses no Node or browser globals', () => {
    const bad: string[] = [];
    for (const file of sources('shared')) {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      for (const g of ['process.', 'Buffer.', 'require(', 'window.', 'document.', 'localStorage', '__dirname']) {
        if (text.includes(g)) bad.push(`${file} uses ${g}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('server/ never imports Lit or the client', () => {
    expect(
      violations('server', (spec, file) => !/^(lit|@lit\/)/.test(spec) && !(spec.startsWith('.') && leavesTo(file, spec, 'client'))),
    ).toEqual([]);
  });

  it('client/ never imports lowdb, server libraries, node modules or the server', () => {
    expect(
      violations(
        'client',
        (spec, file) =>
          !/^(lowdb|hono|@hono\/|ws$|node:|fs$|path$|y-leveldb)/.test(spec) && !(spec.startsWith('.') && leavesTo(file, spec, 'server')),
      ),
    ).toEqual([]);
  });

  it('the stable Yjs line only: no @y/* packages', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
    expect(names.filter((n) => n.startsWith('@y/'))).toEqual([]);
    expect(pkg.dependencies!.yjs).toMatch(/^\^?13\./);
  });
});
