import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatAudacityLabels } from '../../../src/labels/audacity-labels.js';

describe('formatAudacityLabels', () => {
  it('writes start<TAB>end<TAB>label lines in seconds with 6 decimals', () => {
    assert.equal(
      formatAudacityLabels([
        { start: 0.08, end: 0.32, label: 'cough' },
        { start: 12, end: 12.5, label: 'key\tlayer' },
      ]),
      '0.080000\t0.320000\tcough\n12.000000\t12.500000\tkey layer\n',
    );
  });

  it('writes nothing for no spans', () => {
    assert.equal(formatAudacityLabels([]), '');
  });
});
