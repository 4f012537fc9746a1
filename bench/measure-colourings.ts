/**
 * What the audio view's colourings cost the server, in process (no browser): computing the codebook
 * colours (first three principal components per layer) for D = 72 (the reference encoders) and
 * D = 512 (Qwen3-TTS-Tokenizer-12Hz), done once per codebooks file, and the payloads of
 * codebookColours and tokenCountTable; then the same in a worker thread (as the server computes
 * them), with the longest event-loop delay meanwhile. Run: `npm run build && node dist/bench/measure-colourings.js`.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { codebookColoursInWorker } from '../src/codebooks/codebook-colours-in-worker.js';
import { codebookColours } from '../src/codebooks/codebook-colours.js';
import { makeCodebooks } from '../src/codebooks/codebooks-npy.js';
import { CODEBOOK_SIZE, LAYER_COUNT } from '../src/domain/contract.js';
import { mulberry32 } from './prng.js';

for (const dim of [72, 512]) {
  const random = mulberry32(dim);
  const vectors = Float32Array.from({ length: LAYER_COUNT * CODEBOOK_SIZE * dim }, () => random() - 0.5);
  const codebooks = makeCodebooks(LAYER_COUNT, CODEBOOK_SIZE, dim, vectors);
  const times: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    bytes = codebookColours(codebooks).length;
    const c1 = process.cpuUsage(c0);
    times.push(performance.now() - t0);
    cpu.push((c1.user + c1.system) / 1000);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!.toFixed(0);
  // CPU time as well as wall time: on a shared machine the wall time includes waiting for a core.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const w0 = performance.now();
  await codebookColoursInWorker(codebooks);
  const inWorker = performance.now() - w0;
  loop.disable();
  console.log(`codebookColoursInWorker D=${dim}: wall ${inWorker.toFixed(0)} ms; longest event-loop delay meanwhile ${(loop.max / 1e6).toFixed(0)} ms`);
  console.log(`codebookColours D=${dim}: wall ${times.map((t) => t.toFixed(0)).join(', ')} ms (median ${median(times)}), CPU median ${median(cpu)} ms; ${bytes} bytes → ${Math.ceil(bytes / 3) * 4} base64 characters`);
}
const counts = Array.from({ length: LAYER_COUNT }, () => Array.from({ length: CODEBOOK_SIZE }, (_, t) => (t * 7919) % 100_000));
console.log(`tokenCountTable JSON (16 × 2048 counts up to 5 digits): ${JSON.stringify({ counts }).length} characters`);
