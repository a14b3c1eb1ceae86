// The floor: a bare node:http server answering a constant JSON, what Node itself can do on this machine.
import { createServer } from 'node:http';

const body = Buffer.from(JSON.stringify({ x: 0, facebook: 16, linkedin: 66, pinterest: 3 }));
const server = createServer((req, res) => {
  // Read (and drop) any request body, as a real handler must.
  req.resume();
  req.on('end', () => {
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': body.length,
      'cache-control': 'public, max-age=60, stale-while-revalidate=600',
    });
    res.end(body);
  });
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`floor listening on http://127.0.0.1:${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
