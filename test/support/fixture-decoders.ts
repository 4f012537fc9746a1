/**
 * Tiny fixture decoders in each supported ONNX decoder layout, built with src/onnx/graph-builder.ts
 * (no weights). Every good fixture computes the same function of the codes, in its own layout: for
 * frame f and sample j (0..1919) of the frame, with l = floor(j / 120) + 1 the layer that sample
 * belongs to,
 *   frame-local:  sample = t[f][l] / 2047
 *   look-back:    sample = (t[f][l] + t[f−1][l]) / 4094, with t[−1] = 0 (it looks one frame back)
 * in float32, which `fixtureDecode` reproduces bit for bit. The bad variants are what the loader
 * must refuse.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LAYER_COUNT, SAMPLES_PER_FRAME } from '../../src/domain/contract.js';
import { floatTensor, int64Tensor, OnnxGraphBuilder } from '../../src/onnx/graph-builder.js';
import type { DecoderLayoutName } from '../../src/tokenizer/decoder-spec.js';

/** Samples per layer within a frame: 1920 / 16. */
const SEGMENT = SAMPLES_PER_FRAME / LAYER_COUNT;
const OPSET = 18;

/** What a fixture decoder is. */
export interface FixtureDecoderOptions {
  readonly layout: DecoderLayoutName;
  /** Look one frame back (a decoder with context across frames). */
  readonly lookBack?: boolean;
  /** Breakages the loader must catch. */
  readonly bad?: 'short-by-one-frame' | 'ignores-context' | 'eight-layers' | 'float-codes';
  /** codes-lengths only: give the audio as [1,1,T] instead of [1,T]. */
  readonly channelAxis?: boolean;
}

/** The fixture function in plain TypeScript: N·1920 samples from frame-major tokens. */
export function fixtureDecode(tokens: Uint16Array, lookBack = false): Float32Array {
  const frames = tokens.length / LAYER_COUNT;
  const out = new Float32Array(frames * SAMPLES_PER_FRAME);
  for (let f = 0; f < frames; f++) {
    for (let j = 0; j < SAMPLES_PER_FRAME; j++) {
      const l = Math.floor(j / SEGMENT);
      const t = tokens[f * LAYER_COUNT + l]!;
      out[f * SAMPLES_PER_FRAME + j] = lookBack ? Math.fround((t + (f > 0 ? tokens[(f - 1) * LAYER_COUNT + l]! : 0)) / 4094) : Math.fround(t / 2047);
    }
  }
  return out;
}

/** The fixture decoder's ONNX bytes. */
export function fixtureDecoderBytes(o: FixtureDecoderOptions): Uint8Array {
  const layers = o.bad === 'eight-layers' ? 8 : LAYER_COUNT;
  const layerMajor = o.layout === 'layer-major';
  const g = new OnnxGraphBuilder(`fixture_decoder_${o.layout.replaceAll('-', '_')}`);
  g.input('audio_codes', o.bad === 'float-codes' ? 'float32' : 'int64', layerMajor ? ['batch', layers, 'frames'] : [1, 'frames', layers]);
  if (o.layout === 'context-chunk') g.input('context_frames', 'int64', []);
  let codes = 'audio_codes';
  if (layerMajor) {
    g.node('Transpose', ['audio_codes'], ['codes_fm'], { perm: [0, 2, 1] });
    codes = 'codes_fm';
  }
  g.node('Cast', [codes], ['codes_f'], { to: 1 });
  if (o.lookBack) {
    g.initializer('pad_prev', int64Tensor([6], [0, 1, 0, 0, 0, 0]))
      .initializer('zero_i', int64Tensor([1], [0]))
      .initializer('minus_one', int64Tensor([1], [-1]))
      .initializer('frames_axis', int64Tensor([1], [1]))
      .initializer('twice_gain', floatTensor([], [4094]))
      .node('Pad', ['codes_f', 'pad_prev'], ['padded'])
      .node('Slice', ['padded', 'zero_i', 'minus_one', 'frames_axis'], ['previous'])
      .node('Add', ['codes_f', 'previous'], ['pair'])
      .node('Div', ['pair', 'twice_gain'], ['values']);
  } else {
    g.initializer('gain', floatTensor([], [2047])).node('Div', ['codes_f', 'gain'], ['values']);
  }
  g.initializer('last_axis', int64Tensor([1], [3]))
    .initializer('segment', int64Tensor([4], [1, 1, 1, SAMPLES_PER_FRAME / layers]))
    .initializer('flat', int64Tensor(layerMajor || o.channelAxis ? [3] : [2], layerMajor || o.channelAxis ? [1, 1, -1] : [1, -1]))
    .node('Unsqueeze', ['values', 'last_axis'], ['values4'])
    .node('Expand', ['values4', 'segment'], ['expanded'])
    .node('Reshape', ['expanded', 'flat'], ['full']);
  // lengths = frames × 1920 (minus the context for context-chunk)
  if (!layerMajor) {
    g.initializer('frames_index', int64Tensor([1], [1]))
      .initializer('hop', int64Tensor([], [SAMPLES_PER_FRAME]))
      .node('Shape', [codes], ['codes_shape'])
      .node('Gather', ['codes_shape', 'frames_index'], ['frames'], { axis: 0 });
  }
  let audio = 'full';
  let frames = 'frames';
  if (o.layout === 'context-chunk') {
    g.initializer('one_shape', int64Tensor([1], [1]))
      .initializer('end', int64Tensor([1], [Number.MAX_SAFE_INTEGER]))
      .initializer('sample_axis', int64Tensor([1], [1]))
      .node('Reshape', ['context_frames', 'one_shape'], ['context1'])
      .node('Mul', ['context1', 'hop'], ['start_sample']);
    if (o.bad !== 'ignores-context') {
      g.node('Slice', ['full', 'start_sample', 'end', 'sample_axis'], ['chunk_audio']).node('Sub', ['frames', 'context1'], ['chunk_frames']);
      audio = 'chunk_audio';
      frames = 'chunk_frames';
    }
  }
  if (o.bad === 'short-by-one-frame') {
    g.initializer('s0', int64Tensor([1], [0]))
      .initializer('s_end', int64Tensor([1], [-SAMPLES_PER_FRAME]))
      .initializer('s_axis', int64Tensor([1], [-1]))
      .node('Slice', [audio, 's0', 's_end', 's_axis'], ['short_audio']);
    audio = 'short_audio';
  }
  g.node('Identity', [audio], ['audio_values']);
  const audioDims = layerMajor || o.channelAxis ? ['batch', 1, 'samples'] : [1, 'samples'];
  g.output('audio_values', 'float32', audioDims);
  if (!layerMajor && o.bad !== 'short-by-one-frame') {
    g.node('Mul', [frames, 'hop'], ['lengths']).output('lengths', 'int64', [1]);
  }
  return g.toBytes(OPSET, { producerName: 'tokenscope decoder fixtures' });
}

/** Writes a fixture decoder into a fresh temporary folder and returns its path. */
export async function writeFixtureDecoder(o: FixtureDecoderOptions, name = 'decoder.onnx'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tokenscope-decoder-'));
  const path = join(dir, name);
  await writeFile(path, fixtureDecoderBytes(o));
  return path;
}

/** Frame-major tokens of `frames` frames that differ per frame and layer (deterministic; spans 0..2047). */
export function sampleTokens(frames: number, seed = 7): Uint16Array {
  const out = new Uint16Array(frames * LAYER_COUNT);
  let s = seed;
  for (let i = 0; i < out.length; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out[i] = s % 2048;
  }
  out[0] = 2047;
  return out;
}
