#!/usr/bin/env node
// The floor of the framework cost: a bare Node http server answering BENCH_BARE_BODY (the JSON of
// /api/health) to every request, in a process of its own like the API. Prints its port on stdout.
// Started and stopped by scripts/bench-lib.mjs (startBare).
import { createServer } from 'node:http';

const payload = Buffer.from(process.env.BENCH_BARE_BODY ?? '{"status":"ok"}');
const server = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': payload.length });
  res.end(payload);
});
server.keepAliveTimeout = 5_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
