#!/usr/bin/env node
// Fails (exit 1) when the repository's import graph has a circle, listing each one. Counts every import and
// re-export, type-only ones included: a circle of types is still a tangle of meanings, and eslint's
// import-x/no-cycle (also on, in eslint.config.js) sees only imports that run. Part of `npm run lint`.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const FOLDERS = ['src', 'main', 'renderer', 'test', 'bench', 'scripts', 'bin'];
const SKIP = new Set(['node_modules', 'dist', 'release', 'test-results', 'playwright-report', '.tmp']);
const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;

function* walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) yield path;
  }
}

const files = FOLDERS.flatMap((f) => [...walk(join(ROOT, f))]);
const known = new Set(files);
const options = {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowJs: true,
  jsx: ts.JsxEmit.ReactJSX,
};
const host = ts.sys;

/** Each file's imports of other files in the repository (packages are left out: they cannot import us back). */
const graph = new Map();
for (const file of files) {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const targets = new Set();
  for (const { fileName } of importedFiles) {
    if (!fileName.startsWith('.')) continue;
    const resolved = ts.resolveModuleName(fileName, file, options, host).resolvedModule?.resolvedFileName;
    if (resolved && known.has(resolved)) targets.add(resolved);
  }
  graph.set(file, [...targets]);
}

/** Tarjan's strongly connected components: every component with more than one file (or a self-import) is a circle. */
function circles() {
  let index = 0;
  const stack = [];
  const on = new Set();
  const idx = new Map();
  const low = new Map();
  const found = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v)) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) !== idx.get(v)) return;
    const component = [];
    let w;
    do {
      w = stack.pop();
      on.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v).includes(v)) found.push(component);
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

/** One shortest path around a component, for a message a person can follow: a -> b -> c -> a. */
function loopThrough(component) {
  const inside = new Set(component);
  const start = [...component].sort()[0];
  const prev = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const v = queue.shift();
    for (const w of graph.get(v)) {
      if (w === start) {
        const path = [v];
        for (let p = prev.get(v); p !== null; p = prev.get(p)) path.unshift(p);
        return [...path, start];
      }
      if (inside.has(w) && !prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

const found = circles();
if (found.length === 0) {
  console.log(`import-cycles: ${files.length} files, no circles`);
  process.exit(0);
}
for (const component of found) {
  console.error(
    `import circle of ${component.length} file(s):\n  ${loopThrough(component)
      .map((f) => relative(ROOT, f))
      .join('\n  -> ')}`,
  );
}
console.error(`import-cycles: ${found.length} circle(s); break each by moving the shared part down a layer (docs/ARCHITECTURE.md)`);
process.exit(1);
