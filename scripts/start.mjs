// `npm start`: serves the demo with live counts from the count service on a SQLite file.
// Runs after `npm run build`; extra arguments go to share-bar-server (e.g. `npm start -- --port 9000`).
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';

copyFileSync('dist/share-bar.bundle.js', 'demo/share-bar.bundle.js');
mkdirSync('.data', { recursive: true });
const server = spawn(
  process.execPath,
  ['server/dist/cli.js', '--static', 'demo', '--store', 'sqlite:.data/share-bar.db', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
