import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SignalBlock } from '../../../../src/dashboard/audio/signal-block.js';
import { waveformGeometry } from '../../../../src/dashboard/audio/waveform-geometry.js';
import { waveformSvg } from '../../../../src/dashboard/audio/waveform-svg.js';
import { descendants, parseXml } from '../../../support/xml.js';

/** A block of `frameCount` frames from `startFrame` with the given per-column waveform. */
function block(startFrame: number, frameCount: number, min: number[], max: number[], rms: number[]): SignalBlock {
  return {
    startFrame,
    frameCount,
    waveform: { columns: min.length, min: Float32Array.from(min), max: Float32Array.from(max), rms: Float32Array.from(rms) },
    spectrogram: { columns: 0, bands: 64, maxHz: 12_000, floorDb: -120, stepDb: 0.5, levels: new Uint8Array(0) },
  };
}

// Frames 0–3 over x = 10..50 (10 px a frame) of a 20-px plot: two 20-px columns; frames 8–11 lie past the window.
const BLOCKS = [block(0, 4, [-0.5, -1], [0.5, 0.25], [0.25, 0.125]), block(8, 4, [-1], [1], [1])];

describe('waveform SVG export', () => {
  it('lays out a column per summary column in the window: its span and ±RMS band, +1 at the top, and the loudest column', () => {
    const g = waveformGeometry(BLOCKS, 0, 4, 10, 50, 20);
    assert.deepEqual(g.columns, [
      { x: 10, width: 20, spanTop: 5.5, spanHeight: 9, rmsTop: 7.75, rmsHeight: 4.5 },
      { x: 30, width: 20, spanTop: 7.75, spanHeight: 11.25, rmsTop: 8.875, rmsHeight: 2.25 },
    ]);
    assert.deepEqual([g.zeroY, g.loudestX, g.loudestSeconds], [10, 20, 0.08]);
  });

  it('draws the spans and the RMS bands as one path each, clipped to the plot, with amplitude and time labels', () => {
    const svg = parseXml(waveformSvg(BLOCKS, 0, 4, 60, 20, 10, 50));
    assert.deepEqual([svg.attrs['width'], svg.attrs['height']], ['60', '38'], 'the plot and an 18-px time axis under it');
    assert.match(descendants(svg, 'title')[0]!.text, /^Waveform of the original audio, 0:00\.0–0:00\.3 \(frames 0–3\): .*, 2 columns$/);
    assert.deepEqual(descendants(svg, 'clipPath')[0]!.children[0]!.attrs, { x: '10', y: '0', width: '40', height: '20' });
    const paths = descendants(svg, 'path');
    assert.deepEqual(
      paths.map((p) => [p.attrs['data-series'], p.attrs['fill'], p.attrs['d']]),
      [
        ['span', '#8a97b3', 'M10 5.5h20v9h-20zM30 7.75h20v11.25h-20z'],
        ['rms', '#2c3a5a', 'M10 7.75h20v4.5h-20zM30 8.88h20v2.25h-20z'],
      ],
    );
    const zero = descendants(svg, 'rect').find((r) => r.attrs['fill'] === '#d9dde5')!;
    assert.deepEqual(zero.attrs, { x: '10', y: '10', width: '40', height: '1', fill: '#d9dde5' });
    assert.deepEqual(descendants(svg, 'text').map((t) => t.text), ['+1', '0', '−1', '0:00.0', '0:00.1', '0:00.2', '0:00.3']);
  });

  it('draws an empty path when no column lies in the window', () => {
    const svg = parseXml(waveformSvg([BLOCKS[1]!], 0, 4, 60, 20, 10, 50));
    assert.deepEqual(descendants(svg, 'path').map((p) => p.attrs['d']), ['M0 0', 'M0 0']);
  });
});
