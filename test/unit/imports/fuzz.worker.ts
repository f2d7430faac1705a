// Runs the import engine on files sent by fuzz.test.ts, in a worker thread, so that a file making the engine loop
// forever is caught by the test's timer (which a blocked main thread could never fire) instead of hanging the run.
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../server/http/errors.js';
import { buildResultsPreview } from '../../../server/imports/results-preview.js';
import { buildRosterPreview } from '../../../server/imports/roster-preview.js';

export interface FuzzJob {
  id: number;
  bytes: Uint8Array;
  name: string;
  kind: 'roster' | 'results';
}

export interface FuzzOutcome {
  id: number;
  outcome: 'preview' | 'app-error' | 'other-error';
  detail: string;
}

const rules = { completionRule: 'score' as const, gradeExcellent: 9, gradeGood: 8, gradeFair: 7, gradePass: 5, minAttendance: 0.8 };

parentPort!.on('message', async (job: FuzzJob) => {
  const buffer = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  let reply: FuzzOutcome;
  try {
    const preview =
      job.kind === 'roster'
        ? await buildRosterPreview(buffer, job.name, { findExisting: async () => new Map(), today: '2025-06-30' })
        : await buildResultsPreview(buffer, job.name, { roster: [], rules, courseEnded: true });
    reply = { id: job.id, outcome: 'preview', detail: `${preview.rows.length} rows, ${preview.errors.length} errors` };
  } catch (err) {
    reply =
      err instanceof AppError
        ? { id: job.id, outcome: 'app-error', detail: `${err.kind}:${err.message}` }
        : { id: job.id, outcome: 'other-error', detail: `${(err as Error)?.name}: ${(err as Error)?.message}\n${(err as Error)?.stack}` };
  }
  parentPort!.postMessage(reply);
});
