// Renders the server-rendering test page with @lit-labs/ssr, as a site's server would: the built
// npm module (dist/share-bar.js) in plain Node, declarative shadow DOM out. Run in a process of
// its own by test/server/ssr-pages.mjs, so Lit's server globals stay out of the test runner.
//   node test/server/ssr-render.mjs [--defer]    (prints the page)
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import '../../dist/share-bar.js';

const defer = process.argv.includes('--defer');

// What a server knows: the attributes. The page's head is not read on a server, so url and text
// are given; so is lang, which on the client would come from an ancestor the server cannot see.
const bar = render(
  html`<share-bar
    ?defer-hydration=${defer}
    url="https://blog.example/fish"
    text=${'Fish & chips'}
    lang="en"
    networks="x facebook linkedin email copy"
    counts='{"facebook":16}'
  ></share-bar>`,
);

process.stdout.write(`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Fish &amp; chips</title>
    <script src="/test/fixtures/report.js"></script>
    <script type="module" src="/test/fixtures/hydrate.js"></script>
  </head>
  <body>
    <h1>Fish &amp; chips</h1>
    ${await collectResult(bar)}
    <p>After the bar.</p>
  </body>
</html>
`);
