import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportFileName, routeSubject, slug } from '../../../../src/dashboard/export/file-name.js';

describe('export file names', () => {
  it('say what and which: tokenscope-<what>-<which>.<ext>', () => {
    assert.equal(exportFileName('layer stats', 'demo-audio', 'csv'), 'tokenscope-layer-stats-demo-audio.csv');
    assert.equal(exportFileName('Per-class scores', 'run-3-e2e', 'csv'), 'tokenscope-per-class-scores-run-3-e2e.csv');
  });

  it('take the data a route shows from its id and its corpus, run and layer parameters', () => {
    assert.equal(routeSubject('#/audio/3?from=1.2&zoom=256'), 'audio-3');
    assert.equal(routeSubject('#/corpora?compare=demo-audio,demo-events'), 'demo-audio-demo-events');
    assert.equal(routeSubject('#/tokens?target=demo-events&reference=demo-speech&layer=3'), 'demo-events-demo-speech-3');
    assert.equal(routeSubject('#/upload'), 'upload');
    assert.equal(routeSubject(''), 'dashboard');
  });

  it('keep only lowercase letters, digits and single hyphens, trimmed to a bounded length', () => {
    assert.equal(slug('  Événement: F1 / 95 %  '), 'evenement-f1-95');
    assert.equal(slug('a'.repeat(100)).length, 60);
    assert.equal(slug('x'.repeat(59) + ' y', 60), 'x'.repeat(59));
  });
});
