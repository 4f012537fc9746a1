/**
 * `npm run bench:stability`: token stability (issue 11) with tokenscope-ref-v2 on the dev mixtures.
 *   (default)  speed: --minutes M (default 60) of audio, the mixtures looped, under --perturb P
 *              (default noise:snr=20): perturb + encode + compare timed, written into docs/benchmarks.md.
 *   --report   the report of docs/stability.md: the 40 mixtures under each of REPORT_PERTURBATIONS,
 *              per-layer agreement and unit edit distance.
 *   --write-wavs DIR   the originals and every report perturbation as float32 WAVs, for another
 *              model's tokenizer to encode (docs/stability.md, "Qwen figures").
 *   --codes FILE --wavs DIR   the report from that model's codes of those WAVs (official JSONL),
 *              written into docs/stability.md's external section.
 * Other options: --files N (first N mixtures), --threads T (onnxruntime intra-op threads, 0 = its
 * default), --out FILE.
 */
import { cpus, loadavg, release, type } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../src/jsutils/repo-root.js';
import { parsePerturbation, perturbationKey } from '../../src/stability/perturbation.js';
import { integerOption } from '../integer-option.js';
import { writeMarkedSection } from '../report.js';
import { MODEL_ID, openReferenceEncoder, readSpeechClips, readStabilityAudios } from './stability-corpus.js';
import { compareExternalCodes, writePerturbedWavs } from './external-codes.js';
import { measureSpeed } from './stability-speed.js';
import { REPORT_TALKERS, measureReport, reportTables } from './stability-report.js';

const USAGE = 'usage: npm run bench:stability -- [--report | --write-wavs DIR | --codes FILE --wavs DIR] [--minutes M] [--perturb P] [--files N] [--threads T] [--out FILE]';
/** The issue's bar: stability of 1 h of audio under one perturbation, seconds. */
const GOAL_SECONDS = 60;

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function machineLine(loadStart: number, started: string): string {
  return `Measured ${started} on ${type()} ${release()}, ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}; 1-minute load average ${loadStart.toFixed(2)} at the start and ${loadavg()[0]!.toFixed(2)} at the end (${cpus().length} cores: above that, other processes competed for them).`;
}

/** `--codes FILE --wavs DIR`: no encoder, only the other model's codes. */
async function externalReport(codesFile: string, dir: string): Promise<void> {
  const started = new Date().toISOString();
  const measures = await compareExternalCodes(codesFile, dir);
  const frames = measures[0]?.frames ?? 0;
  const section = [
    '<!-- bench:stability-external:start -->',
    `Compared ${started} from \`${codesFile}\` (the WAVs of \`${dir}\`), ${frames.toLocaleString('en')} frames per perturbation: \`npm run bench:stability -- ${process.argv.slice(2).join(' ')}\`.`,
    '',
    ...reportTables(measures),
    '<!-- bench:stability-external:end -->',
  ].join('\n');
  writeMarkedSection(option('out') ?? join(repoRoot(), 'docs', 'stability.md'), section, '<!-- bench:stability-external:start -->', '<!-- bench:stability-external:end -->');
}

async function main(): Promise<void> {
  const codesFile = option('codes');
  if (codesFile !== undefined) {
    const dir = option('wavs');
    if (dir === undefined) throw new Error(`--codes needs --wavs DIR, the folder --write-wavs wrote\n${USAGE}`);
    return externalReport(codesFile, dir);
  }
  const files = option('files') === undefined ? Infinity : integerOption('files', option('files')!, 1, USAGE);
  const threads = option('threads') === undefined ? 0 : integerOption('threads', option('threads')!, 0, USAGE);
  const speech = readSpeechClips().map((c) => c.samples);
  const { encoder, close } = await openReferenceEncoder(threads);
  try {
    const audios = await readStabilityAudios(encoder, files);
    const loadStart = loadavg()[0]!;
    const started = new Date().toISOString();
    const args = process.argv.slice(2).join(' ');
    const command = `npm run bench:stability${args ? ` -- ${args}` : ''}`;
    const wavDir = option('write-wavs');
    if (wavDir !== undefined) {
      const written = await writePerturbedWavs(audios, speech, wavDir);
      process.stderr.write(`${written} WAVs written into ${wavDir}\n`);
      return;
    }
    if (process.argv.includes('--report')) {
      const measures = await measureReport(audios, encoder, speech, (line) => process.stderr.write(`${line}\n`));
      const frames = audios.reduce((n, a) => n + a.codes.frames, 0);
      const seconds = audios.reduce((n, a) => n + a.samples.length, 0) / 24_000;
      const section = [
        '<!-- bench:stability-report:start -->',
        `${machineLine(loadStart, started)} Command: \`npm run build && ${command}\`. ${audios.length} mixtures of \`corpus/mixtures/\`, ${seconds.toFixed(1)} s, ${frames.toLocaleString('en')} frames, encoded by \`${MODEL_ID}\`; babble: ${REPORT_TALKERS} of the ${speech.length} clips of \`corpus/speech/\` per mixture. Each figure is summed over the mixtures (counts), then divided.`,
        '',
        ...reportTables(measures),
        '<!-- bench:stability-report:end -->',
      ].join('\n');
      writeMarkedSection(option('out') ?? join(repoRoot(), 'docs', 'stability.md'), section, '<!-- bench:stability-report:start -->', '<!-- bench:stability-report:end -->');
      return;
    }
    const minutes = Number(option('minutes') ?? 60);
    const perturbation = parsePerturbation(option('perturb') ?? 'noise:snr=20');
    const f = await measureSpeed(audios, encoder, perturbation, minutes * 60, speech);
    const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
    const layer1 = f.measure.layers[0]!;
    const section = [
      '<!-- bench:stability:start -->',
      '## Token stability (issue 11)',
      '',
      machineLine(loadStart, started),
      '',
      'Reproduce:',
      '',
      '```sh',
      'npm run build',
      command,
      '```',
      '',
      `**Audio.** The ${audios.length} dev mixtures (\`corpus/mixtures/\`) looped to ${(f.seconds / 60).toFixed(1)} minutes: ${f.audios} audios, ${f.measure.frames.toLocaleString('en')} frames; their codes by \`${MODEL_ID}\` made first (not timed). **Timed:** for each audio, \`${perturbationKey(perturbation)}\` applied, the result encoded by \`${MODEL_ID}\` through the encoder pool (in this thread, onnxruntime threads ${threads === 0 ? 'its default' : threads}), and compared with the original codes (agreement and unit edit distance, 16 layers).`,
      '',
      '| stage | time | share |',
      '|---|---:|---:|',
      `| perturb | ${s(f.perturbMs)} | ${((100 * f.perturbMs) / f.wallMs).toFixed(0)} % |`,
      `| encode | ${s(f.encodeMs)} | ${((100 * f.encodeMs) / f.wallMs).toFixed(0)} % |`,
      `| compare (16 layers) | ${s(f.compareMs)} | ${((100 * f.compareMs) / f.wallMs).toFixed(0)} % |`,
      `| **all, wall clock** | **${s(f.wallMs)}** | ${Math.round(f.seconds / (f.wallMs / 1000))}× real time |`,
      `| CPU time of the process (all threads) | ${s(f.cpuMs)} | ${Math.round(f.seconds / (f.cpuMs / 1000))}× real time per core |`,
      '',
      `Bar: stability of 1 h of audio under one perturbation ≤ ${GOAL_SECONDS} s — ${f.seconds >= 3600 ? (f.wallMs / 1000 <= GOAL_SECONDS ? '**PASS**' : '**MISS**') : `not judged (${(f.seconds / 60).toFixed(1)} minutes measured)`} by the wall clock at this load; by CPU time (the work itself: ${s(f.cpuMs)} of CPU, all threads, so an hour on one otherwise idle core), ${f.cpuMs / 1000 <= GOAL_SECONDS ? '**PASS**' : '**MISS**'}. The process had ${((100 * f.cpuMs) / f.wallMs).toFixed(0)} % of one core on average (CPU over wall time): the rest of the wall time it waited for cores other processes held. Layer-1 agreement over the run: ${((100 * layer1.agreeing) / layer1.frames).toFixed(1)} %, UED ${((100 * layer1.edits) / layer1.units).toFixed(1)} % (the report in docs/stability.md has every layer).`,
      '<!-- bench:stability:end -->',
    ].join('\n');
    writeMarkedSection(option('out') ?? join(repoRoot(), 'docs', 'benchmarks.md'), section, '<!-- bench:stability:start -->', '<!-- bench:stability:end -->');
    process.stderr.write(`${s(f.wallMs)} for ${f.seconds.toFixed(0)} s of audio (perturb ${s(f.perturbMs)}, encode ${s(f.encodeMs)}, compare ${s(f.compareMs)})\n`);
  } finally {
    await close();
  }
}

await main();
