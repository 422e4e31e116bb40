/* global process */
// A plain HTTP server in its own process that reads every request and answers a short JSON refusal: what a
// flood costs a machine when nobody does anything with it (the baseline of the alert-flood test).
import { createServer } from 'node:http';
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end('{"ok":false,"code":"unauthorized","error":"sink"}\n');
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`sink listening on http://127.0.0.1:${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
