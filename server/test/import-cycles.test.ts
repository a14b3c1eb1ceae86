import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, realpath, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { tempDir } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The `.ts` files below `dirs` (no declaration files), by real path: a symlinked file is one node. */
async function sourceFiles(dirs: readonly string[]): Promise<string[]> {
  const files = new Set<string>();
  for (const dir of dirs) {
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      const path = join(entry.parentPath, entry.name);
      if (/\.ts$/.test(entry.name) && !/\.d\.ts$/.test(entry.name)) files.add(await realpath(path));
    }
  }
  return [...files];
}

/**
 * Every file-level dependency between `files`, as a reader follows them: static, type-only,
 * re-exports and dynamic `import()` alike (TypeScript's own scanner, so comments and strings
 * do not count).
 */
async function importGraph(files: readonly string[]): Promise<Map<string, string[]>> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(await readFile(file, 'utf8'), true, true);
    const targets: string[] = [];
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const base = resolve(dirname(file), fileName);
      const target = [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, join(base, 'index.ts')].find((c) =>
        known.has(c),
      );
      if (target) targets.push(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** The cycles of `graph`, each as the files along it, its first file repeated at the end. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

async function cyclesIn(dirs: readonly string[]): Promise<string[]> {
  const found = cycles(await importGraph(await sourceFiles(dirs)));
  return found.map((cycle) => cycle.map((file) => relative(ROOT, file)).join(' → '));
}

describe('imports between files', () => {
  test('form no cycle in src/ and server/src/, counting type-only and dynamic imports', async () => {
    assert.deepEqual(await cyclesIn([join(ROOT, 'src'), join(ROOT, 'server', 'src')]), []);
  });

  test('a cycle through any kind of import is found', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      let planted = 0;
      /** The cycles found in a folder holding `a.ts` with `importB` and `b/b.ts`, which imports `a.ts`. */
      const plant = async (importB: string) => {
        const folder = join(dir, String(++planted));
        await mkdir(join(folder, 'b'), { recursive: true });
        await writeFile(join(folder, 'a.ts'), `${importB}\nexport const a = 1;\n`);
        await writeFile(join(folder, 'b', 'b.ts'), "import { a } from '../a.js';\nexport type B = typeof a;\n");
        return cyclesIn([folder]);
      };
      for (const importB of [
        "import { b } from './b/b.js';",
        "import type { B } from './b/b.js';",
        "import { type B } from './b/b.js';",
        "export type { B } from './b/b.js';",
        "export * from './b/b.js';",
        "const b = await import('./b/b.js');",
        "type B = import('./b/b.js').B;",
      ]) {
        assert.equal((await plant(importB)).length, 1, importB);
      }
      // Comments and strings are not imports.
      assert.deepEqual(await plant("// import { b } from './b/b.js';\nconst s = \"import('./b/b.js')\";"), []);
    } finally {
      await cleanup();
    }
  });
});
