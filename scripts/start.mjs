// `npm start`: serves the demo with live counts from the count service on a SQLite file, with the
// statistics dashboard on: its admin token is made once, kept in .data/admin-token, and printed
// next to the address. Runs after `npm run build`; extra arguments go to share-bar-server
// (e.g. `npm start -- --port 9000`).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

copyFileSync('dist/share-bar.bundle.js', 'demo/share-bar.bundle.js');
mkdirSync('.data', { recursive: true });
const tokenFile = '.data/admin-token';
if (!existsSync(tokenFile)) writeFileSync(tokenFile, randomBytes(18).toString('base64url') + '\n', { mode: 0o600 });
const token = process.env.SHARE_BAR_ADMIN_TOKEN || readFileSync(tokenFile, 'utf8').trim();

const server = spawn(
  process.execPath,
  ['server/dist/cli.js', '--static', 'demo', '--store', 'sqlite:.data/share-bar.db', ...process.argv.slice(2)],
  // In the environment, not the arguments: the token stays out of the process list.
  { stdio: ['inherit', 'pipe', 'inherit'], env: { ...process.env, SHARE_BAR_ADMIN_TOKEN: token } },
);
createInterface({ input: server.stdout }).on('line', (line) => {
  console.log(line);
  const dashboard = /statistics on (\S+)/.exec(line)?.[1];
  if (dashboard && !process.argv.includes('--admin-token')) {
    console.log(`npm start: share on the demo, then see it at ${dashboard} with the admin token ${token}`);
  }
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
