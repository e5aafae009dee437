import fs from 'node:fs';
import path from 'node:path';
import { transformWithOxc } from 'vite';

/**
 * Writes `dist/server` and `dist/shared` for the test run by transpiling each TypeScript file of
 * `server/` and `shared/` on its own (Vite's Oxc transform: types stripped, no type checking), with
 * source maps, and copies their JSON files beside them, as `tsc -p tsconfig.build.json` does for
 * the JSON files the code imports. The layout and module syntax are tsc's: ES2022, ESM, imports
 * kept as written (`verbatimModuleSyntax`), class fields defined (`useDefineForClassFields`).
 *
 * Only for tests: `npm test` runs `npm run typecheck` first, which proves the types, and
 * `npm run build` stays on tsc. A file whose output is unchanged is left alone, and a changed one
 * is replaced whole (written beside it, then renamed), so a server another run started from dist/
 * never imports a half-written module. Returns the number of files written.
 */
export async function transpileServer(root: string): Promise<number> {
  let written = 0;
  const put = (file: string, content: string | Buffer): void => {
    if (fs.existsSync(file) && fs.readFileSync(file).equals(Buffer.from(content))) return;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const part = `${file}.${process.pid}.part`;
    fs.writeFileSync(part, content);
    fs.renameSync(part, file);
    written++;
  };
  const walk = async (dir: string): Promise<void> => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        await walk(rel);
        continue;
      }
      const out = path.join(root, 'dist', rel);
      if (entry.name.endsWith('.json')) put(out, fs.readFileSync(path.join(root, rel)));
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        const source = fs.readFileSync(path.join(root, rel), 'utf8');
        const js = out.replace(/\.ts$/, '.js');
        const result = await transformWithOxc(source, path.join(root, rel), {
          lang: 'ts',
          target: 'es2022',
          sourcemap: true,
          tsconfig: false,
          typescript: { onlyRemoveTypeImports: true, removeClassFieldsWithoutInitializer: false },
        });
        const map = result.map ? { ...result.map, file: path.basename(js), sources: [path.relative(path.dirname(js), path.join(root, rel))] } : null;
        if (map) put(`${js}.map`, JSON.stringify(map));
        put(js, map ? `${result.code}\n//# sourceMappingURL=${path.basename(js)}.map\n` : result.code);
      }
    }
  };
  await walk('server');
  await walk('shared');
  return written;
}
