// Writes dist/share-bar-placeholder.css: src/share-bar-placeholder.css with each built-in
// language's default heading as the placeholder's heading (`:lang(de)` and so on), so a bar keeps
// the very room its heading takes once rendered, wrapped onto as many lines. The headings come
// from the languages' sources, where the element takes them from.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

/** A CSS string holding `text`. */
const cssString = (text) => `'${text.replace(/[\\']/g, (c) => '\\' + c)}'`;

const english = /\ben: '([^|']*)/.exec(readFileSync('src/locales.ts', 'utf8'))[1];
const rules = [`share-bar:not(:defined)::before {\n  content: ${cssString(english)};\n}`];
for (const file of readdirSync('src/locales').sort()) {
  const match = /registerLanguage\(\s*'([\w-]+)',\s*'([^|']*)/.exec(readFileSync(`src/locales/${file}`, 'utf8'));
  if (match) rules.push(`share-bar:not(:defined):lang(${match[1]})::before {\n  content: ${cssString(match[2])};\n}`);
}
const template = readFileSync('src/share-bar-placeholder.css', 'utf8');
if (!template.includes('/* headings */')) throw new Error('no /* headings */ in src/share-bar-placeholder.css');
writeFileSync('dist/share-bar-placeholder.css', template.replace('/* headings */', rules.join('\n')));
console.log(`dist/share-bar-placeholder.css: ${rules.length} headings`);
