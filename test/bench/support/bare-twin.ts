// The yardstick of a page: a bare Express 5 app in its own process that answers with the same bytes and
// content type as the app did (GET), or parses a JSON body and answers 201 with a body of the same size (POST).
// Usage: node --import tsx bare-twin.ts <body file> <content type> — prints {"port": n} when listening.
import { readFileSync } from 'node:fs';
import express from 'express';

const [file, type] = process.argv.slice(2) as [string, string];
const body = readFileSync(file);
const app = express();
app.get('/', (_req, res) => {
  res.type(type).send(body);
});
app.post('/', express.json(), (_req, res) => {
  res.status(201).type(type).send(body);
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
