import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_INCLUDE, parseInclude, selectTrainingFiles } from '../../../scripts/build-model/training-files.js';

describe('selectTrainingFiles (which corpus files the reference encoder trains on)', () => {
  let corpus: string;
  const rel = (paths: readonly string[]) => paths.map((p) => relative(corpus, p));

  before(() => {
    corpus = mkdtempSync(join(tmpdir(), 'refenc-files-'));
    for (const path of ['events/cough/c1.wav', 'events/knock/k1.wav', 'speech/a/s1.wav', 'background/b.wav', 'mixtures/mix_000.wav', 'mixtures/mix_000.txt', 'empty/notes.txt']) {
      mkdirSync(join(corpus, path, '..'), { recursive: true });
      writeFileSync(join(corpus, path), '');
    }
  });
  after(() => rmSync(corpus, { recursive: true, force: true }));

  it('takes events, speech and background by default and leaves the evaluation mixtures out', () => {
    const selected = selectTrainingFiles(corpus, DEFAULT_INCLUDE);
    assert.deepEqual(rel(selected.files), ['background/b.wav', 'events/cough/c1.wav', 'events/knock/k1.wav', 'speech/a/s1.wav']);
    assert.deepEqual(selected.excluded, ['mixtures']);
  });

  it('gives every .wav of the corpus, in path order, when every folder is named (how v1 was trained)', () => {
    const selected = selectTrainingFiles(corpus, parseInclude('mixtures,events,speech,background'));
    assert.deepEqual(rel(selected.files), ['background/b.wav', 'events/cough/c1.wav', 'events/knock/k1.wav', 'mixtures/mix_000.wav', 'speech/a/s1.wav']);
    assert.deepEqual(selected.excluded, []);
  });

  it('accepts a sub-folder and a trailing slash', () => {
    const selected = selectTrainingFiles(corpus, parseInclude('events/knock/,speech'));
    assert.deepEqual(rel(selected.files), ['events/knock/k1.wav', 'speech/a/s1.wav']);
    assert.deepEqual(selected.include, ['events/knock', 'speech']);
    assert.deepEqual(selected.excluded, ['background', 'events', 'mixtures']);
  });

  describe('refuses, naming the entry', () => {
    it('an empty entry', () => {
      assert.throws(() => parseInclude('events,,speech'), { message: '--include: expected comma-separated folders relative to --corpus, got "events,,speech"' });
    });
    it('a path outside the corpus', () => {
      assert.throws(() => selectTrainingFiles(corpus, ['../elsewhere']), { message: '--include: expected a path inside --corpus, got "../elsewhere"' });
      assert.throws(() => selectTrainingFiles(corpus, ['/abs']), { message: '--include: expected a path inside --corpus, got "/abs"' });
    });
    it('a folder the corpus does not have', () => {
      assert.throws(() => selectTrainingFiles(corpus, ['events', 'clips']), { message: `--include: no "clips" under ${corpus}` });
    });
    it('a folder named twice', () => {
      assert.throws(() => selectTrainingFiles(corpus, ['speech', 'speech/']), { message: '--include: "speech/" is named twice' });
    });
    it('a folder with no .wav files', () => {
      assert.throws(() => selectTrainingFiles(corpus, ['empty']), { message: `--include: no .wav files under "empty" in ${corpus}` });
    });
  });
});
