import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SignalBlock } from '../../../../src/dashboard/audio/signal-block.js';
import { rampColour, spectrogramLayout } from '../../../../src/dashboard/audio/spectrogram-geometry.js';
import { spectrogramSvg } from '../../../../src/dashboard/audio/spectrogram-svg.js';
import { descendants, parseXml } from '../../../support/xml.js';

/** A block of `frameCount` frames from `startFrame` whose spectrogram has 2 bands and `levels` (column after column, lowest band first). */
function block(startFrame: number, frameCount: number, levels: number[]): SignalBlock {
  return {
    startFrame,
    frameCount,
    waveform: { columns: 0, min: new Float32Array(0), max: new Float32Array(0), rms: new Float32Array(0) },
    spectrogram: { columns: levels.length / 2, bands: 2, maxHz: 12_000, floorDb: -120, stepDb: 0.5, levels: Uint8Array.from(levels) },
  };
}

// Frames 0–3 over x = 10..40: three 10-px columns. The loudest level is 200, so 80 dB (160 steps of 0.5 dB) below it, 40, is the darkest.
// Frames 4–7 lie past the window.
const BLOCKS = [block(0, 4, [200, 40, 200, 120, 40, 120]), block(4, 4, [200, 200])];

describe('spectrogram SVG export', () => {
  it('shades each level over the 80 dB below the loudest in view, and marks the columns that reach into the window', () => {
    const [inside, past] = spectrogramLayout(BLOCKS, 0, 4, 10, 40);
    assert.deepEqual(inside, { x: 10, width: 30, columns: 3, bands: 2, shades: Uint8Array.from([255, 0, 255, 128, 0, 128]), from: 0, to: 3 });
    assert.deepEqual([past!.x, past!.from, past!.to], [40, 0, 0]);
    assert.deepEqual([rampColour(0), rampColour(128), rampColour(255)], ['#000004', '#b63974', '#fcfdbf']);
  });

  it('draws a rectangle per run of equal-coloured columns along each band, lowest band at the bottom, one path per colour, with frequency and time labels', () => {
    const svg = parseXml(spectrogramSvg(BLOCKS, 0, 4, 50, 20, 10, 40));
    assert.deepEqual([svg.attrs['width'], svg.attrs['height']], ['50', '38']);
    assert.match(descendants(svg, 'title')[0]!.text, /^Mel spectrogram of the original audio, 0:00\.0–0:00\.3 \(frames 0–3\): low frequencies at the bottom/);
    const plot = descendants(svg, 'g').find((g) => g.attrs['clip-path'] === 'url(#plot)')!;
    assert.equal(plot.attrs['shape-rendering'], 'crispEdges', 'runs meet without seams');
    assert.deepEqual(
      plot.children.map((p) => [p.name, p.attrs['data-series'], p.attrs['fill'], p.attrs['d']]),
      [
        ['path', 'shade 0', '#000004', 'M30 10h10v10h-10zM10 0h10v10h-10z'],
        ['path', 'shade 128', '#b63974', 'M20 0h20v10h-20z'],
        ['path', 'shade 255', '#fcfdbf', 'M10 10h20v10h-20z'],
      ],
    );
    assert.deepEqual(descendants(svg, 'text').map((t) => t.text), ['12 kHz', '0 Hz', '0:00.0', '0:00.1', '0:00.2', '0:00.3']);
    assert.equal(descendants(svg, 'image').length, 0, 'vector, not an embedded picture');
  });

  it('is an empty plot without blocks', () => {
    const svg = parseXml(spectrogramSvg([], 0, 4, 50, 20, 10, 40));
    assert.equal(descendants(svg, 'g').find((g) => g.attrs['clip-path'] === 'url(#plot)')!.children.length, 0);
  });
});
