import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SOURCES = ['src', 'server/src', 'server/test'];

/** GitHub's anchor for a Markdown heading. */
const slug = (heading: string) =>
  heading
    .replace(/`/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');

function sourceFiles(): string[] {
  return SOURCES.flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts'))
      .map((name) => join(ROOT, dir, name))
      // This file names what it looks for.
      .filter((file) => file !== fileURLToPath(import.meta.url).replace(/\/dist\/test\/(.*)\.js$/, '/test/$1.ts')),
  );
}

// A comment that sends the reader to a section must send them somewhere that exists here.
describe('sections cited in code comments', () => {
  test('every docs/*.md#anchor cited in src/, server/src/ and server/test/ is a heading of that file', () => {
    const broken: string[] = [];
    let cited = 0;
    for (const file of sourceFiles()) {
      for (const [, doc, anchor] of readFileSync(file, 'utf8').matchAll(/\b(docs\/[\w-]+\.md)(?:#([\w-]+))?/g)) {
        cited++;
        const at = `${relative(ROOT, file)}: ${doc}${anchor ? `#${anchor}` : ''}`;
        if (!existsSync(join(ROOT, doc!))) {
          broken.push(`${at}: no such file`);
          continue;
        }
        const headings = [...readFileSync(join(ROOT, doc!), 'utf8').matchAll(/^#{1,6}\s+(.*)$/gm)].map((m) =>
          slug(m[1]!),
        );
        if (anchor && !headings.includes(anchor)) broken.push(`${at}: no such heading`);
      }
    }
    assert.deepEqual(broken, []);
    assert.ok(cited > 0, 'no citation found: the pattern is wrong');
  });

  test('no comment cites a document that is not in this repository (SPEC, NETWORKS.md)', () => {
    const outside = sourceFiles().filter((file) => /\bSPEC §|NETWORKS\.md/.test(readFileSync(file, 'utf8')));
    assert.deepEqual(
      outside.map((file) => relative(ROOT, file)),
      [],
    );
  });
});
