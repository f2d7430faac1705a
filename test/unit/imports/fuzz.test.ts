// Fuzzing the import engine: valid .xlsx and CSV files, damaged on purpose in hundreds of seeded ways (bytes
// flipped, cut, spliced; the XML inside a well-formed zip rewritten), must each give a preview or an AppError of
// kind invalid / too_large — never another error, never a hang. The engine runs in a worker thread so that even
// an endless loop is caught by the timer here.
import { expect } from 'chai';
import { Worker } from 'node:worker_threads';
import { numbered, rosterColumns } from '../../../server/exports/roster-columns.js';
import { writeCsv } from '../../../server/exports/csv-write.js';
import { writeXlsx } from '../../../server/exports/xlsx-write.js';
import { buildRosterTemplate } from '../../../server/imports/template.js';
import { readZipDirectory, readZipEntry, writeStoredZip } from '../../../server/imports/zip.js';
import { seededRandom, type Random } from '../../../server/lib/random.js';
import { realisticRoster } from '../../helpers/rosters.js';
import type { FuzzJob, FuzzOutcome } from './fuzz.worker.js';

const JOB_TIMEOUT_MS = 10_000;

class Engine {
  private worker!: Worker;
  private pending = new Map<number, (o: FuzzOutcome) => void>();
  private next = 0;

  start(): void {
    // The worker runs TypeScript too: tsx's loader is registered inside it before the worker module is imported.
    const url = new URL('./fuzz.worker.ts', import.meta.url).href;
    const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url)}); });`;
    const worker = new Worker(boot, { eval: true });
    this.worker = worker;
    worker.on('message', (o: FuzzOutcome) => {
      this.pending.get(o.id)?.(o);
      this.pending.delete(o.id);
    });
    // A crash of the worker itself (e.g. out of memory) fails the jobs in flight; the next job gets a new worker.
    worker.on('error', (err) => {
      for (const [id, resolve] of this.pending) resolve({ id, outcome: 'other-error', detail: `worker crashed: ${err.message}` });
      this.pending.clear();
      if (this.worker === worker) this.start();
    });
  }

  async run(bytes: Buffer, name: string, kind: FuzzJob['kind'] = 'roster'): Promise<FuzzOutcome | 'timeout'> {
    const id = this.next++;
    const reply = new Promise<FuzzOutcome>((resolve) => this.pending.set(id, resolve));
    this.worker.postMessage({ id, bytes: new Uint8Array(bytes), name, kind } satisfies FuzzJob);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), JOB_TIMEOUT_MS)));
    const outcome = await Promise.race([reply, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      // The worker is stuck: replace it so the remaining cases still run.
      this.pending.delete(id);
      await this.worker.terminate();
      this.start();
    }
    return outcome;
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

const NASTY = [
  '<c r="XFD1048576" t="s"><v>999999</v></c>',
  '<row r="1048576"><c r="A1048576"><v>1</v></c></row>',
  '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
  '<dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"a"</formula1></dataValidation></dataValidations>',
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>',
  '&b;&a;&#0;&#xD800;',
  '<f t="shared" si="0" ref="A1:XFD1048576">A1</f>',
  '<c r="B2" t="d"><v>not-a-date</v></c>',
  '<v>1e308</v>',
  '<v>NaN</v>',
  ' s="99999" ',
  ' date1904="1" ',
  '<![CDATA[',
  '</sheetData>',
  '<sheetData>',
  '<is><t xml:space="preserve">  Nguyễn  </t></is>',
  '<r><t>rich</t></r>',
  '\u0000\uFFFF\uD83D',
  '"\'<>&',
];

function mutateBytes(r: Random, input: Buffer): Buffer {
  const b = Buffer.from(input);
  switch (r.int(0, 5)) {
    case 0:
      for (let i = r.int(1, 8); i > 0; i--) b[r.int(0, b.length - 1)] = r.int(0, 255);
      return b;
    case 1:
      return b.subarray(0, r.int(0, b.length - 1));
    case 2: {
      const from = r.int(0, b.length - 1);
      const piece = b.subarray(from, Math.min(b.length, from + r.int(1, 400)));
      const at = r.int(0, b.length);
      return Buffer.concat([b.subarray(0, at), piece, b.subarray(at)]);
    }
    case 3: {
      const from = r.int(0, b.length - 1);
      return Buffer.concat([b.subarray(0, from), b.subarray(Math.min(b.length, from + r.int(1, 400)))]);
    }
    case 4: {
      // The zip's directory and end record live at the end: hit them specifically.
      const at = Math.max(0, b.length - r.int(4, 600));
      b.writeUInt32LE(r.pick([0, 1, 0xffff, 0xffffffff, r.int(0, 0x7fffffff)]), Math.min(at, b.length - 4));
      return b;
    }
    default: {
      const at = r.int(0, b.length);
      const noise = Buffer.from(Array.from({ length: r.int(1, 64) }, () => r.int(0, 255)));
      return Buffer.concat([b.subarray(0, at), noise, b.subarray(at)]);
    }
  }
}

function mutateText(r: Random, text: string): string {
  const at = r.int(0, text.length);
  switch (r.int(0, 3)) {
    case 0:
      return text.slice(0, at) + text.slice(Math.min(text.length, at + r.int(1, 300)));
    case 1: {
      const piece = text.slice(at, at + r.int(1, 200));
      return text.slice(0, at) + piece.repeat(r.int(2, 200)) + text.slice(at);
    }
    case 2:
      return text.slice(0, at) + r.pick(NASTY) + text.slice(at);
    default:
      return text.replace(/\d+/g, (d) => (r.chance(0.1) ? String(r.pick([0, -1, 16384, 1048577, 2 ** 31, Number(d) * 1000])) : d));
  }
}

function mutateInsideZip(r: Random, xlsx: Buffer): Buffer {
  const entries = readZipDirectory(xlsx).map((e) => ({ name: e.name, data: readZipEntry(xlsx, e) }));
  const xml = entries.filter((e) => /\.(xml|rels)$/.test(e.name));
  for (let i = r.int(1, 3); i > 0; i--) {
    const target = r.pick(xml);
    target.data = Buffer.from(mutateText(r, target.data.toString('utf8')), 'utf8');
  }
  return writeStoredZip(entries);
}

describe('import engine under fuzzing', function () {
  this.timeout(180_000);
  const engine = new Engine();
  const failures: string[] = [];
  let xlsx: Buffer;
  let template: Buffer;
  let csv: Buffer;

  before(async () => {
    engine.start();
    const table = { columns: rosterColumns({ results: true }), rows: numbered(realisticRoster(25, 3)) };
    xlsx = await writeXlsx(table);
    csv = await writeCsv(table);
    template = await buildRosterTemplate();
  });
  after(() => engine.stop());

  async function check(label: string, bytes: Buffer, name: string, kind: FuzzJob['kind'] = 'roster'): Promise<FuzzOutcome | 'timeout'> {
    const outcome = await engine.run(bytes, name, kind);
    const allowed = outcome !== 'timeout' && (outcome.outcome === 'preview' || /^(invalid|too_large):/.test(outcome.detail));
    if (!allowed) failures.push(`${label}: ${outcome === 'timeout' ? 'timed out' : outcome.detail}`);
    return outcome;
  }

  it('when the unmutated files are read, then they give previews (the fuzz starts from good files)', async () => {
    for (const [bytes, name] of [[xlsx, 'a.xlsx'], [csv, 'a.csv'], [template, 'mau.xlsx']] as const) {
      const outcome = await engine.run(bytes, name);
      expect(outcome !== 'timeout' && outcome.outcome, name).to.equal('preview');
    }
  });

  it('when bytes of an .xlsx are flipped, cut, spliced or inserted (300 seeded cases), then every outcome is a preview or an AppError', async () => {
    const r = seededRandom(20251126);
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const outcome = await check(`xlsx bytes #${i}`, mutateBytes(r, i % 3 === 0 ? template : xlsx), 'f.xlsx', i % 5 === 0 ? 'results' : 'roster');
      if (outcome !== 'timeout') seen.add(outcome.outcome);
    }
    expect(failures).to.deep.equal([]);
    expect([...seen]).to.include('app-error');
  });

  it('when the XML inside a well-formed .xlsx is rewritten (300 seeded cases), then every outcome is a preview or an AppError', async () => {
    const r = seededRandom(7);
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const outcome = await check(`xlsx xml #${i}`, mutateInsideZip(r, i % 2 ? xlsx : template), 'f.xlsx', i % 5 === 0 ? 'results' : 'roster');
      if (outcome !== 'timeout') seen.add(outcome.outcome);
    }
    expect(failures).to.deep.equal([]);
    expect([...seen]).to.include.members(['preview', 'app-error']);
  });

  it('when a CSV is damaged (300 seeded cases), then every outcome is a preview or an AppError', async () => {
    const r = seededRandom(99);
    for (let i = 0; i < 300; i++) {
      const bytes = r.chance(0.5) ? mutateBytes(r, csv) : Buffer.from(mutateText(r, csv.toString('utf8')), 'utf8');
      await check(`csv #${i}`, bytes, 'f.csv', i % 5 === 0 ? 'results' : 'roster');
    }
    expect(failures).to.deep.equal([]);
  });
});
