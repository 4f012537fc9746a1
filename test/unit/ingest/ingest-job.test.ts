import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IngestJobs } from '../../../src/ingest/ingest-job.js';

/** A job that works through `files` one at a time, each when `step` is called, checking shouldStop before each. */
function steppedJob(jobs: IngestJobs, files: number) {
  let release: () => void = () => undefined;
  const done: number[] = [];
  const job = jobs.start({ corpus: 'c', model: 'm', device: 'cpu', paths: [] }, async (_report, shouldStop) => {
    for (let k = 0; k < files && !shouldStop(); k++) {
      await new Promise<void>((r) => (release = r));
      done.push(k);
    }
    return [];
  });
  return { job, done, step: () => release() };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('IngestJobs.stop', () => {
  it('stops one job after its file in hand and leaves the others running', async () => {
    const jobs = new IngestJobs();
    const a = steppedJob(jobs, 5);
    const b = steppedJob(jobs, 3);
    await tick();
    assert.equal(jobs.stop(a.job.id)?.id, a.job.id);
    a.step(); // the file in hand finishes
    for (let k = 0; k < 3; k++) {
      b.step();
      await tick();
    }
    await jobs.idle(1);
    assert.deepEqual(a.done, [0], 'no file started after stop');
    assert.deepEqual(b.done, [0, 1, 2], 'the other job ran to its end');
    assert.equal(a.job.state.phase, 'succeeded');
  });

  it('returns undefined for an unknown job and leaves a finished one as it was', async () => {
    const jobs = new IngestJobs();
    assert.equal(jobs.stop('99'), undefined);
    const a = steppedJob(jobs, 1);
    await tick();
    a.step();
    await jobs.idle(1);
    assert.equal(jobs.stop(a.job.id)?.state.phase, 'succeeded');
  });
});
