import { parentPort } from 'node:worker_threads';
import { runJob, type HeavyJob } from './jobs.js';

/** The heavy-work thread: answers `{ seq, job }` with `{ seq, result }` or `{ seq, error }`. */
parentPort?.on('message', ({ seq, job }: { seq: number; job: HeavyJob }) => {
  runJob(job).then(
    (result) => parentPort!.postMessage({ seq, result }),
    (err: unknown) => parentPort!.postMessage({ seq, error: (err as Error).message }),
  );
});
