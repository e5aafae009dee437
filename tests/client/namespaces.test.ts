import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOOT_NAMESPACES, VIEW_NAMESPACES } from '../../client/i18n-namespaces.js';

/**
 * L17, the raw-keys bug class: a lazily loaded view or panel whose modules read a namespace that
 * is neither a boot namespace nor in the view's list (`VIEW_NAMESPACES`) shows raw keys
 * (`more.label`) in a production build. Static analysis of the TypeScript sources: from each
 * view's entry module (`MODULES` in client/views.ts) follow the static relative imports (not
 * `import type`, not dynamic `import()`), leave out the modules of the shell (the static closure of
 * client/main.ts and rt-app.ts: their texts are boot namespaces or loaded on purpose), and
 * collect every message key literal (`'ns:key'`, `` `ns:key.${id}` ``) naming a namespace in the
 * client modules reached. `shared/` is not followed: its wording functions take the caller's `t`
 * and its barrel (`shared/model.ts`) reaches every domain module whether called or not.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLIENT = path.join(ROOT, 'client');
const NAMESPACES = new Set(fs.readdirSync(path.join(ROOT, 'shared/i18n/en')).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.replace(/\.ts$/, '')));

/** Source without comments (a key named in a comment is no use of it). */
const code = (file: string) => fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

/** The client files `file` imports statically (relative imports only; `import type` left out). */
function staticImports(file: string): string[] {
  const src = code(file);
  const out: string[] = [];
  const re = /(?:^|[;\n])\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    if (m[2]) continue;
    const target = path.resolve(path.dirname(file), m[3]!.replace(/\.js$/, '.ts'));
    if (target.startsWith(CLIENT + path.sep) && fs.existsSync(target)) out.push(target);
  }
  return out;
}

/** Every module reachable from `entries` by static imports. */
function closure(entries: string[], stop: ReadonlySet<string> = new Set()): Set<string> {
  const seen = new Set<string>();
  const todo = [...entries];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f) || stop.has(f)) continue;
    seen.add(f);
    todo.push(...staticImports(f));
  }
  return seen;
}

/** The namespaces of the message key literals in `file`, each with one example key. */
function keysIn(file: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /['"`]([a-z][a-zA-Z0-9]*):([\w.-]*(?:\$\{)?)/g;
  const src = code(file);
  for (let m = re.exec(src); m; m = re.exec(src)) {
    if (NAMESPACES.has(m[1]!) && !out.has(m[1]!)) out.set(m[1]!, `${m[1]}:${m[2]}`);
  }
  return out;
}

/** The lazily loaded modules of client/views.ts (`MODULES`): id -> entry file. */
function lazyModules(): Map<string, string> {
  const src = code(path.join(CLIENT, 'views.ts'));
  const out = new Map<string, string>();
  for (const m of src.matchAll(/(\w+):\s*\(\)\s*=>\s*import\('(\.\/[^']+)'\)/g)) out.set(m[1]!, path.resolve(CLIENT, m[2]!.replace(/\.js$/, '.ts')));
  return out;
}

describe('each lazily loaded view lists the namespaces its modules read (L17)', () => {
  const shell = closure([path.join(CLIENT, 'main.ts'), path.join(CLIENT, 'components/rt-app.ts')]);
  const views = lazyModules();

  it('finds the views, the shell and message keys (the analysis itself works)', () => {
    expect([...views.keys()]).toEqual(expect.arrayContaining([...Object.keys(VIEW_NAMESPACES), 'comments', 'share']));
    expect(shell.has(path.join(CLIENT, 'components/rt-workspace.ts'))).toBe(true);
    expect(shell.has(path.join(CLIENT, 'components/rt-matrix.ts'))).toBe(false);
    expect(keysIn(path.join(CLIENT, 'components/rt-matrix.ts')).has('matrix')).toBe(true);
    // A view reaches the modules only it imports, not the shell's.
    const matrix = closure([views.get('matrix')!], shell);
    expect(matrix.has(path.join(CLIENT, 'components/rt-matrix-funding.ts'))).toBe(true);
    expect(matrix.has(path.join(CLIENT, 'i18n.ts'))).toBe(false);
  });

  it('[L17] every key a view\'s chunk reads names a boot namespace or one of the view\'s own', () => {
    const missing: string[] = [];
    for (const [id, entry] of views) {
      const allowed = new Set<string>([...BOOT_NAMESPACES, ...((VIEW_NAMESPACES as Partial<Record<string, readonly string[]>>)[id] ?? [])]);
      for (const file of closure([entry], shell)) {
        // A module that loads a namespace itself before wording with it (`loadNamespaces(['gate', ...])`, e.g. import notes) may read it.
        const own = new Set([...code(file).matchAll(/loadNamespaces\(\[([^\]]*)\]/g)].flatMap((m) => [...m[1]!.matchAll(/'(\w+)'/g)].map((n) => n[1]!)));
        for (const [ns, example] of keysIn(file)) {
          if (!allowed.has(ns) && !own.has(ns)) missing.push(`${id}: ${path.relative(ROOT, file)} reads ${example}… (namespace "${ns}" not loaded with it)`);
        }
      }
    }
    expect(missing, missing.join('\n')).toEqual([]);
  });
});
