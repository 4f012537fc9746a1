import { CODEBOOK_SIZE } from '../format';

/**
 * RGBA of every token id, on Google's Turbo colour map (its published polynomial fit): token ids are
 * indices, not magnitudes, so the map only needs neighbouring ids to look different and the whole
 * codebook to stay readable.
 */
export const TOKEN_COLOURS: Uint8ClampedArray = (() => {
  const lut = new Uint8ClampedArray(CODEBOOK_SIZE * 4);
  for (let t = 0; t < CODEBOOK_SIZE; t++) {
    const x = t / (CODEBOOK_SIZE - 1);
    const r = 0.13572138 + x * (4.6153926 + x * (-42.66032258 + x * (132.13108234 + x * (-152.94239396 + x * 59.28637943))));
    const g = 0.09140261 + x * (2.19418839 + x * (4.84296658 + x * (-14.18503333 + x * (4.27729857 + x * 2.82956604))));
    const b = 0.1066733 + x * (12.64194608 + x * (-60.58204836 + x * (110.36276771 + x * (-89.90310912 + x * 27.34824973))));
    lut[t * 4] = r * 255;
    lut[t * 4 + 1] = g * 255;
    lut[t * 4 + 2] = b * 255;
    lut[t * 4 + 3] = 255;
  }
  return lut;
})();
