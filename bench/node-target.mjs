// A minimal Node HTTP target for bench/run.sh: answers every request with 200 "ok" (keep-alive).
// Usage: node bench/node-target.mjs <port-file>; prints nothing, writes the chosen port to <port-file>.
import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';

const body = Buffer.from('ok');
const server = createServer((req, res) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => writeFileSync(process.argv[2], String(server.address().port)));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
