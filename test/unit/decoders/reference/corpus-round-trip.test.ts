import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decodeReferenceCodes } from '../../../../src/decoders/reference/decode-codes.js';
import { openReferenceKit } from '../../../../bench/reference-decoder/mixture-codes.js';
import { readPcm16Wav } from '../../../../scripts/build-model/wav.js';
import { sharedDir } from '../../../support/paths.js';

// mix_020: one of the 20 mixtures the decoder's settings were not chosen on (docs/reference-decoder.md).
const clip = join(sharedDir(), 'corpus', 'mixtures', 'mix_020.wav');
const skip = existsSync(clip) ? false : `no corpus mixture at ${clip} (../shared is absent); skipping the round trip`;

describe('the reference decoder on real audio', () => {
  it('re-encodes the full reconstruction of 8 s of an unseen mixture to the same layer-1 token on at least 72 % of frames (76 % when the threshold was set)', { skip }, async () => {
    const kit = await openReferenceKit();
    try {
      const samples = readPcm16Wav(clip).subarray(0, 100 * 1920);
      const codes = await kit.encode(samples);
      const again = await kit.encode(decodeReferenceCodes(codes, kit.codebooks, kit.norm));
      let same = 0;
      for (let f = 0; f < codes.frames; f++) if (codes.tokens[f * 16] === again.tokens[f * 16]) same++;
      assert.ok(same / codes.frames >= 0.72, `layer 1: ${same} of ${codes.frames} frames the same`);
    } finally {
      await kit.release();
    }
  });
});
