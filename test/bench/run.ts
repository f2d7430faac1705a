// npm run bench [-- <part of a file name>]: runs every test/bench/*.bench.ts in turn. Each file exports
// `bench` (support/bench.ts) and prints its own figures; a new benchmark is one more file here.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Bench } from './support/bench.js';

const filter = process.argv[2];
const files = readdirSync(import.meta.dirname)
  .filter((f) => /\.bench\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
  .filter((f) => !filter || f.includes(filter))
  .sort();

const print = (line: string) => process.stdout.write(`${line}\n`);
let failed = false;
for (const file of files) {
  const { bench } = (await import(pathToFileURL(path.join(import.meta.dirname, file)).href)) as { bench: Bench };
  print(`\n== ${bench.name} (${file})`);
  try {
    await bench.run({ log: (line) => print(`   ${line}`) });
  } catch (err) {
    failed = true;
    print(`   FAILED: ${(err as Error).stack ?? String(err)}`);
  }
}
if (files.length === 0) print(`no benchmark matches "${filter}"`);
process.exit(failed ? 1 : 0);
