import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readAllAudio24k } from '../../src/audio/index.js';
import { SAMPLE_RATE } from '../../src/domain/contract.js';
import { prng } from '../../src/demo/synthetic-codes.js';
import { formatAudacityLabels } from '../../src/labels/audacity-labels.js';
import type { LabelSpan } from '../../src/labels/audacity-labels.js';

/** Synthesised events: none is a real recording; each has a distinct spectral and temporal shape. */
type EventKind = 'click' | 'burst' | 'beep';

function synthesise(kind: EventKind, random: () => number): Float32Array {
  const n = Math.round((kind === 'click' ? 0.25 : kind === 'burst' ? 0.4 : 0.8) * SAMPLE_RATE);
  const out = new Float32Array(n);
  if (kind === 'click') {
    // three keyboard-like clicks: 4 ms decaying noise impulses 80 ms apart
    for (const start of [0, 0.08, 0.16].map((s) => Math.round(s * SAMPLE_RATE))) {
      for (let i = 0; i < 96; i++) out[start + i] = (random() * 2 - 1) * Math.exp(-i / 20) * 0.9;
    }
  } else if (kind === 'burst') {
    // a cough-like burst: noise through a one-pole low-pass, fast attack, slower decay
    let y = 0;
    for (let i = 0; i < n; i++) {
      y += 0.35 * (random() * 2 - 1 - y);
      out[i] = y * 2.2 * Math.min(1, i / 240) * Math.exp(-i / (0.12 * SAMPLE_RATE));
    }
  } else {
    // an alarm: 1.2 kHz + 2.4 kHz beeps, 100 ms on, 60 ms off
    for (let i = 0; i < n; i++) {
      const on = (i / SAMPLE_RATE) % 0.16 < 0.1 ? 1 : 0;
      out[i] = on * 0.35 * (Math.sin((2 * Math.PI * 1200 * i) / SAMPLE_RATE) + 0.5 * Math.sin((2 * Math.PI * 2400 * i) / SAMPLE_RATE));
    }
  }
  return out;
}

function wav16(samples: Float32Array): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((v, i) => data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(v * 32767))), i * 2));
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVEfmt ', 8);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(SAMPLE_RATE, 24);
  h.writeUInt32LE(SAMPLE_RATE * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36);
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

/**
 * Mixes each espeak-ng sentence (speech_<i>.wav in `work`) with 1 s of quiet before and after,
 * a little room noise, and 1–3 synthesised events at seeded places, into demo_<nn>.wav with an
 * Audacity label file demo_<nn>.txt beside it. Deterministic for the same speech files.
 */
async function main(work: string, out: string): Promise<void> {
  const kinds: EventKind[] = ['click', 'burst', 'beep'];
  for (let i = 0; i < 8; i++) {
    const random = prng(4242 + i);
    const speech = await readAllAudio24k(join(work, `speech_${i}.wav`));
    const mix = new Float32Array(speech.length + 4 * SAMPLE_RATE);
    for (let j = 0; j < mix.length; j++) mix[j] = (random() * 2 - 1) * 0.003;
    mix.set(speech.map((v, j) => v * 0.8 + mix[SAMPLE_RATE + j]!), SAMPLE_RATE);
    const labels: LabelSpan[] = [];
    const count = i === 3 ? 0 : 1 + (i % 3); // demo_04 has no events: a clean reference
    for (let e = 0; e < count; e++) {
      const kind = kinds[(i + e) % 3]!;
      const event = synthesise(kind, random);
      const slot = (mix.length - 2 * SAMPLE_RATE) / count;
      const start = Math.round(SAMPLE_RATE + slot * e + random() * (slot - event.length));
      event.forEach((v, j) => (mix[start + j] = mix[start + j]! + v));
      labels.push({ start: start / SAMPLE_RATE, end: (start + event.length) / SAMPLE_RATE, label: kind });
    }
    const name = `demo_${String(i + 1).padStart(2, '0')}`;
    await writeFile(join(out, `${name}.wav`), wav16(mix));
    await writeFile(join(out, `${name}.txt`), formatAudacityLabels(labels));
  }
}

const [work, out] = process.argv.slice(2);
if (!work || !out) throw new Error('usage: mix-demo-audio <speech folder> <output folder>');
await main(work, out);
