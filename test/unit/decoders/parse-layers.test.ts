import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layersText } from '../../../src/decoders/check-request.js';
import { parseLayers } from '../../../src/decoders/parse-layers.js';
import { ErrorCode } from '../../../src/errors.js';
import { assertThrowsCode } from '../../support/errors.js';

describe('--layers', () => {
  it('reads a range, a single layer and comma lists of both', () => {
    assert.deepEqual(parseLayers('1-8'), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.deepEqual(parseLayers('12'), [12]);
    assert.deepEqual(parseLayers('9, 1-3,2'), [1, 2, 3, 9]);
    assert.equal(layersText(parseLayers('1-4,9,11-12')), '1-4, 9, 11-12');
  });

  it('refuses layers 0 and 17, reversed ranges and other text, naming the option', () => {
    assertThrowsCode(() => parseLayers('0-8'), ErrorCode.INVALID_ARGUMENT, /--layers: layers are numbered 1\.\.16, got 0 in "0-8"/);
    assertThrowsCode(() => parseLayers('1-17'), ErrorCode.INVALID_ARGUMENT, /--layers: layers are numbered 1\.\.16, got 17 in "1-17"/);
    assertThrowsCode(() => parseLayers('8-1'), ErrorCode.INVALID_ARGUMENT, /a range runs from the lower layer to the higher, got "8-1"/);
    assertThrowsCode(() => parseLayers('first'), ErrorCode.INVALID_ARGUMENT, /expected a layer number 1\.\.16, a range such as 1-8, or a comma list of them, got "first"/);
  });
});
