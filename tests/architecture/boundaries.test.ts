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

/** Resolves a relative `.js` specifier of `file` to the source file it names (`.ts` when one exists). */
function resolveLocal(file: string, spec: string): string {
  const target = path.normalize(path.join(path.dirname(file), spec));
  const ts = target.replace(/\.js$/, '.ts');
  return fs.existsSync(path.join(ROOT, ts)) ? ts : target;
}

/** The static import graph (imports, type imports and re-exports of relative `.js` files) of some folders. */
function importGraph(dirs: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of dirs.flatMap(sources)) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const specs = [...text.matchAll(/^\s*(?:import|export)\s[^'"`;]*?from\s*['"](\.[^'"]+\.js)['"]|^\s*import\s+['"](\.[^'"]+\.js)['"]/gm)];
    graph.set(file, specs.map((m) => resolveLocal(file, (m[1] ?? m[2])!)));
  }
  return graph;
}

/**
 * Every import circle of a graph, each named as `a -> b -> ... -> a` starting at its
 * alphabetically first file (Tarjan's strongly connected components, then one path round each).
 */
function importCycles(graph: Map<string, string[]>): string[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) visit(w);
      if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, low.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v)!.includes(v)) components.push(component);
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return components.map((component) => cyclePath(graph, new Set(component))).sort();
}

/** One circle through a strongly connected set of files, from its first file back to it. */
function cyclePath(graph: Map<string, string[]>, members: Set<string>): string {
  const start = [...members].sort()[0]!;
  // Breadth-first from start's successors back to start, inside the component.
  const previous = new Map<string, string>();
  const queue = (graph.get(start) ?? []).filter((w) => members.has(w));
  for (const w of queue) previous.set(w, start);
  for (let i = 0; i < queue.length && !previous.has(start); i++) {
    for (const w of graph.get(queue[i]!) ?? []) {
      if (!members.has(w) || previous.has(w)) continue;
      previous.set(w, queue[i]!);
      queue.push(w);
    }
  }
  const steps = [start];
  for (let at = previous.get(start)!; at !== start; at = previous.get(at)!) steps.unshift(at);
  return [start, ...steps].join(' -> ');
}

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

  it('the cycle finder names a circle (so the rule below can fail)', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts', 'd.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', []],
    ]);
    expect(importCycles(graph)).toEqual(['a.ts -> b.ts -> c.ts -> a.ts']);
    expect(importGraph(['server']).get(path.join('server', 'server.ts'))).toContain(path.join('server', 'http', 'app.ts'));
  });

  it('no import circles in server/, shared/ or client/', () => {
    expect(importCycles(importGraph(['server', 'shared', 'client']))).toEqual([]);
  });

  it('the stable Yjs line only: no @y/* packages', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
    expect(names.filter((n) => n.startsWith('@y/'))).toEqual([]);
    expect(pkg.dependencies!.yjs).toMatch(/^\^?13\./);
  });
});
