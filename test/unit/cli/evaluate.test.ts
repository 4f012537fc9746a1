import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../support/cli-process.js';
import { repoRoot } from '../../support/paths.js';

const sedEval = (name: string) => join(repoRoot(), 'test', 'fixtures', 'sed_eval', name);

/** Runs the built `tokenscope evaluate <args>`. */
const cli = (args: string[]) => runCli(['evaluate', ...args]);

describe('tokenscope evaluate', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenscope-evaluate-'));
    // Reference: a folder of Audacity tracks, one per audio; b has no events.
    await mkdir(join(dir, 'tracks'));
    await writeFile(join(dir, 'tracks', 'a.txt'), '1.000000\t2.000000\tdog\n4.000000\t5.000000\tcar\n');
    await writeFile(join(dir, 'tracks', 'b.txt'), '');
    // Estimated: a DCASE list naming the audio files with folders and extensions.
    await writeFile(join(dir, 'detected.txt'), 'audio/a.wav\t1.1\t2.0\tdog\naudio/a.wav\t4.0\t5.0\tdog\naudio/b.wav\n');
    await writeFile(join(dir, 'stray.txt'), 'audio/a.wav\t1\t2\tdog\naudio/zzz.wav\t1\t2\tdog\n');
    await writeFile(join(dir, 'bad.txt'), 'audio/a.wav\t1\t2\tdog\naudio/a.wav\t1\tlater\tdog\n');
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it("prints sed_eval's street_fold1 scores overall and per class, event-based and segment-based", async () => {
    const r = await cli(['--reference', sedEval('street_fold1_reference.txt'), '--estimated', sedEval('street_fold1_detected.txt')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^6 files, 6 classes; event-based with t_collar 0\.2 s, segment-based with 1 s segments$/m);
    const segment = r.stdout.slice(r.stdout.indexOf('segment-based\n'));
    assert.match(segment, /^overall \(micro\)\s+0\.3101\s+0\.3886\s+0\.2581\s+1\.0617\s+0\.0863\s+0\.6556\s+0\.3197$/m);
    assert.match(segment, /^class-wise average \(macro\)\s+0\.1314\s.*\s1\.6133\s/m);
    assert.match(segment, /^car\s+0\.6870\s+0\.7194\s+0\.6574\s+0\.5990\s+0\.0000\s/m);
    assert.match(segment, /^any class \(class-agnostic\)\s+\d\.\d{4}\s/m);
  });

  it('prints the whole report as JSON with --json, scores as {value, low, high} as in the GraphQL schema', async () => {
    const r = await cli(['--reference', sedEval('street_fold1_reference.txt'), '--estimated', sedEval('street_fold1_detected.txt'), '--json', '--time-resolution', '1.0']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.files, 6);
    assert.equal(report.tCollarSeconds, 0.2);
    assert.equal(report.timeResolutionSeconds, 1);
    assert.ok(Math.abs(report.overall.segment.errorRate.value - 1.0616698292220115) <= 1e-12);
    assert.deepEqual(report.overall.segment.errorRate, { value: report.overall.segment.errorRate.value, low: null, high: null }, 'no bootstrap: no bounds');
    const car = report.classWise.find((c: { label: string }) => c.label === 'car');
    assert.deepEqual(Object.keys(car.segment).sort(), ['counts', 'deletionRate', 'errorRate', 'f1', 'insertionRate', 'precision', 'recall', 'substitutionRate']);
    assert.deepEqual(car.segment.counts, { reference: 394, estimated: 360, truePositives: 259, substitutions: 0, deletions: 135, insertions: 101 });
  });

  it('matches a folder of Audacity tracks with a DCASE list by stem, counting a file without events', async () => {
    const r = await cli(['--reference', join(dir, 'tracks'), '--estimated', join(dir, 'detected.txt'), '--json', '--t-collar', '0.05']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.files, 2);
    assert.deepEqual(report.classes, ['car', 'dog']);
    // The dog onset is 0.1 s late: a miss with a 0.05 s collar. The 4-5 s "dog" sits on a car:
    // a substitution overall; class-wise a car deletion and a dog insertion.
    assert.deepEqual(report.overall.event.counts, { reference: 2, estimated: 2, truePositives: 0, substitutions: 1, deletions: 1, insertions: 1 });
    const [car, dog] = report.classWise;
    assert.deepEqual([car.label, car.event.counts.deletions, dog.label, dog.event.counts.insertions], ['car', 1, 'dog', 2]);
    // Class-agnostic, the 4-5 s estimate matches the car: one true positive, one miss.
    assert.deepEqual(report.classAgnostic.overall.event.counts, { reference: 2, estimated: 2, truePositives: 1, substitutions: 0, deletions: 1, insertions: 1 });
  });

  describe('misuse', () => {
    it('rejects estimated detections naming a file the reference lacks, naming it', async () => {
      const r = await cli(['--reference', join(dir, 'tracks'), '--estimated', join(dir, 'stray.txt')]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /error \[INVALID_ARGUMENT\]: --estimated .*stray\.txt names the file "zzz", which the reference .*tracks does not have; expected only files among its 2/);
    });

    it('rejects a bad line of a DCASE list with INVALID_LABELS naming the file, line and value', async () => {
      const r = await cli(['--reference', join(dir, 'tracks'), '--estimated', join(dir, 'bad.txt')]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /error \[INVALID_LABELS\]: .*bad\.txt line 2: offset must be a number of seconds, got "later"/);
    });

    it('rejects a missing label file and a collar that is not a positive number of seconds', async () => {
      const missing = await cli(['--reference', join(dir, 'nothing-here'), '--estimated', join(dir, 'detected.txt')]);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /error \[NOT_FOUND\]: .*nothing-here: no such label file or folder/);
      const collar = await cli(['--reference', join(dir, 'tracks'), '--estimated', join(dir, 'detected.txt'), '--t-collar', '0']);
      assert.notEqual(collar.code, 0);
      assert.match(collar.stderr, /t-collar must be a number of seconds > 0; received "0"/);
    });
  });
});
