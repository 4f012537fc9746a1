#!/usr/bin/env node
import { Command, InvalidArgumentError } from 'commander';
import { REFERENCE_MODEL_ID } from '../config/settings.js';
import { TokenscopeError } from '../errors.js';
import { checkCommand } from './commands/check.js';
import { compareCommand, runsCommand } from './commands/compare.js';
import { audiosCommand } from './commands/audios.js';
import { coldTokensCommand, corporaCommand, deleteCorpusCommand } from './commands/corpora.js';
import { exportCommand, importCommand } from './commands/datasets.js';
import { attachCommand, detachCommand } from './commands/attach.js';
import { demoCommand } from './commands/demo.js';
import { detectCommand } from './commands/detect.js';
import { evaluateCommand } from './commands/evaluate.js';
import { stabilityCommand } from './commands/stability.js';
import { ingestCodesCommand } from './commands/ingest-codes.js';
import { ingestCommand } from './commands/ingest.js';
import { mergeCommand } from './commands/merge.js';
import { labelsExportCommand, labelsImportCommand } from './commands/labels.js';
import { lhotseExportCommand, lhotseImportCommand } from './commands/lhotse.js';
import { decodeCommand } from './commands/decode.js';
import { modelsAddCodebooksCommand, modelsAddCommand, modelsAddDecoderCommand, modelsListCommand, modelsNeighboursCommand, modelsVerifyCommand } from './commands/models.js';
import { serveCommand } from './commands/serve.js';
import { statsCommand } from './commands/stats.js';
import { tokensBigramsCommand, tokensFindCommand } from './commands/tokens.js';
import { parseDetectorSpec, parseSweep } from './detector-config-args.js';
import type { DetectorConfigArg, SweepArg } from './detector-config-args.js';
import { CliError } from './execute.js';
import { installInterruptHandlers, interruptedExitCode } from './interrupt.js';
import { packageVersion } from './package-version.js';

function integer(name: string) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError(`${name} must be an integer; received "${value}"`);
    return Number(value);
  };
}

function seconds(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a number of seconds > 0; received "${value}"`);
    return n;
  };
}

function layerList(value: string): number[] {
  return value.split(',').map((v) => integer('layer')(v.trim()));
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function param(value: string, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const eq = value.indexOf('=');
  if (eq < 1) throw new InvalidArgumentError(`--param takes name=value; received "${value}"`);
  const raw = value.slice(eq + 1);
  let parsed: unknown = raw;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = raw; // a bare word is a string parameter (e.g. reference=speech)
  }
  return { ...previous, [value.slice(0, eq)]: parsed };
}

const program = new Command('tokenscope')
  .description('Audio codec tokens, queryable: ingest code matrices, query statistics, run detectors')
  .version(packageVersion(), '-V, --version', 'print the version of tokenscope')
  .showHelpAfterError();
const db = ['--db <path>', 'DuckDB file (default data/tokenscope.duckdb, env TOKENSCOPE_DB; :memory: for a throwaway run)'] as const;
const modelsDir = ['--models-dir <dir>', 'models folder (default models/ of the tokenscope installation, env TOKENSCOPE_MODELS_DIR)'] as const;

program
  .command('ingest-codes')
  .description('ingest code matrices (official JSONL, .npy, .json, Parquet code sets: files or folders of them) into a corpus')
  .argument('<paths...>', 'files or folders')
  .requiredOption('--corpus <name>', 'corpus to ingest into (created when absent)')
  .option('--model <id>', 'model identity to record (default external:qwen3-tts-tokenizer-12hz)')
  .option('--orientation <o>', 'frame-major (N×16; Parquet [frames][layers]) or layer-major (16×N; Parquet [layers][frames]); needed for 16×16 arrays')
  .option('--skip-bad-items', 'store the good matrices of a file that has bad ones')
  .option('--codes-column <name>', 'Parquet: the codes column (default: codes, audio_codes, codec_codes or tokens, whichever the file has)')
  .option('--text-column <name>', "Parquet: the column stored as each audio's text (default: text, when present)")
  .option('--metadata-columns <a,b,…>', "Parquet: scalar columns stored in each audio's metadata (default: every scalar column)")
  .option('--shard <i/n>', 'ingest only shard i (1-based) of n of the files, split by a hash of each path relative to the folder given (one process per shard; then tokenscope merge)')
  .option(...db)
  .action(async (paths: string[], o) => {
    process.exitCode = await ingestCodesCommand(paths, o);
  });

program
  .command('ingest')
  .description('decode, resample and encode audio files (wav, flac, mp3, ogg) or folders of them into a corpus; an Audacity label file beside an audio (same stem, .txt) is imported as its labels')
  .argument('<paths...>', 'files or folders')
  .requiredOption('--corpus <name>', 'corpus to ingest into (created when absent)')
  .option('--model <id>', `encoder model id (default ${REFERENCE_MODEL_ID}, env TOKENSCOPE_MODEL)`)
  .option('--device <device>', 'cpu, cuda or auto (CUDA when its provider is installed, else CPU)')
  .option('--concurrency <n>', 'files encoded at once (1..8)', integer('concurrency'))
  .option('--threads <n>', 'onnxruntime threads per session (0: its default)', integer('threads'))
  .option('--shard <i/n>', 'ingest only shard i (1-based) of n of the files, split by a hash of each path relative to the folder given (one process per GPU box; then tokenscope merge)')
  .option(...modelsDir)
  .option(...db)
  .action(async (paths: string[], o) => {
    process.exitCode = await ingestCommand(paths, o);
  });

const models = program.command('models').description('registered encoder models (models/<id>/manifest.json)');
models
  .command('list')
  .description('list registered models')
  .option(...modelsDir)
  .action(async (o) => {
    process.exitCode = await modelsListCommand(o);
  });
models
  .command('add')
  .description('register an ONNX encoder after checking that it fits a supported layout')
  .argument('<onnx>', 'the ONNX file')
  .option('--id <id>', 'model id (default: from the file name)')
  .option('--family <family>', 'model family, e.g. qwen3-tts-tokenizer-12hz')
  .option('--copy', 'copy the ONNX file into models/<id>/ instead of recording its path')
  .option('--licence <text>', 'licence of the weights')
  .option('--provenance <text>', 'where the weights came from')
  .option('--contextual', 'the encoder looks beyond one frame (chunks then overlap)')
  .option('--chunk-overlap-frames <n>', 'frames of context on each side of a chunk, for contextual models', integer('chunk-overlap-frames'))
  .option('--decoder <onnx>', "the model's ONNX decoder (codes → 24 kHz audio), checked with a probe decode before anything is written")
  .option('--decoder-layout <layout>', 'pin the decoder layout: codes-lengths, context-chunk or layer-major (default: detected)')
  .option('--decoder-chunk-frames <n>', 'frames the decoder decodes per run (default 300)', integer('decoder-chunk-frames'))
  .option('--decoder-context-frames <n>', 'frames of left context fed before each decoder run (default 25)', integer('decoder-context-frames'))
  .option(...modelsDir)
  .action(async (onnx: string, o) => {
    process.exitCode = await modelsAddCommand(onnx, o);
  });
models
  .command('add-decoder')
  .description("name a model's ONNX decoder (codes → 24 kHz audio) after checking its layout with a probe decode")
  .argument('<id>', 'model id')
  .argument('<onnx>', 'the decoder ONNX file')
  .option('--copy', 'copy the file into models/<id>/decoder.onnx instead of recording its path')
  .option('--layout <layout>', 'pin the layout: codes-lengths, context-chunk or layer-major (default: detected)')
  .option('--chunk-frames <n>', 'frames decoded per run (default 300)', integer('chunk-frames'))
  .option('--context-frames <n>', 'frames of left context fed before each run (default 25)', integer('context-frames'))
  .option('--provenance <text>', 'where the decoder came from')
  .option(...modelsDir)
  .action(async (id: string, onnx: string, o) => {
    process.exitCode = await modelsAddDecoderCommand(id, onnx, o);
  });
models
  .command('verify')
  .description('recheck a model: sha256, layout, and a 1-second encode')
  .argument('<id>', 'model id')
  .option('--device <device>', 'cpu, cuda or auto')
  .option('--threads <n>', 'onnxruntime threads', integer('threads'))
  .option(...modelsDir)
  .action(async (id: string, o) => {
    process.exitCode = await modelsVerifyCommand(id, o);
  });
models
  .command('add-codebooks')
  .description("register a model's codebooks: a float32 [16, 2048, D] .npy, or the official Qwen3-TTS-Tokenizer-12Hz .safetensors checkpoint")
  .argument('<id>', 'model id')
  .argument('<file>', 'codebooks .npy or checkpoint .safetensors')
  .option('--models-dir <dir>', 'models folder')
  .action(async (id: string, file: string, o) => {
    process.exitCode = await modelsAddCodebooksCommand(id, file, o);
  });
models
  .command('neighbours')
  .description("the nearest entries of a layer's codebook to a token's vector (Euclidean distance and cosine similarity)")
  .argument('<id>', 'model id')
  .requiredOption('--layer <n>', 'layer 1..16', integer('layer'))
  .requiredOption('--token <n>', 'token 0..2047', integer('token'))
  .option('--k <n>', 'neighbours wanted, 1..100', integer('k'), 10)
  .option(...modelsDir)
  .action(async (id: string, o) => {
    process.exitCode = await modelsNeighboursCommand(id, o);
  });

const labels = program.command('labels').description('label tracks of a corpus: Audacity (start<TAB>end<TAB>label) or CSV (file,start_s,end_s,label)');
labels
  .command('export')
  .description('write the labels of every audio of a corpus')
  .requiredOption('--corpus <name>', 'corpus')
  .option('--format <format>', 'csv (one file) or audacity (a track per audio)', 'csv')
  .option('--out <path>', 'CSV file (default: stdout) or folder for Audacity tracks (default <corpus>-labels)')
  .option(...db)
  .action(async (o) => {
    process.exitCode = await labelsExportCommand(o);
  });
labels
  .command('import')
  .description("replace the labels of a corpus's audios; files are matched by source path, file name or stem")
  .argument('<path>', 'CSV file or folder of Audacity tracks')
  .requiredOption('--corpus <name>', 'corpus')
  .option('--format <format>', 'csv or audacity', 'csv')
  .option(...db)
  .action(async (path: string, o) => {
    process.exitCode = await labelsImportCommand(path, o);
  });

// Lhotse manifests in and out (issue 10, interchange).
const lhotse = program.command('lhotse').description('Lhotse manifests (recordings.jsonl.gz + supervisions.jsonl.gz): a corpus out, or recordings and their supervisions in');
lhotse
  .command('export')
  .description('write a corpus as Lhotse manifests: a Recording per audio file, a SupervisionSegment per label (custom.label the class)')
  .requiredOption('--corpus <name>', 'corpus')
  .requiredOption('--out <dir>', 'folder to write recordings.jsonl.gz and supervisions.jsonl.gz into')
  .option(...db)
  .action(async (o) => {
    process.exitCode = await lhotseExportCommand(o);
  });
lhotse
  .command('import')
  .description("ingest the recordings' audio files into a corpus and store their supervisions as labels (class: custom.label, custom.event_label, speaker or text)")
  .argument('<paths...>', 'a manifest folder, or recordings and supervisions manifests (.jsonl or .jsonl.gz)')
  .requiredOption('--corpus <name>', 'corpus')
  .option('--model <id>', 'encoder model (default: the default model)')
  .option(...modelsDir)
  .option(...db)
  .action(async (paths: string[], o) => {
    process.exitCode = await lhotseImportCommand(paths, o);
  });

// Parquet datasets out and in (issue 12; docs/datasets.md).
program
  .command('export')
  .description('write corpora as a Hive-partitioned Parquet dataset (audios, frames, labels, pre-aggregates, evaluation runs) with a dataset.json manifest')
  .option('--corpus <name>', 'corpus to export (repeatable)', collect)
  .option('--all', 'export every corpus')
  .requiredOption('--out <dir>', 'dataset folder to create (must not exist)')
  .option(...db)
  .action(async (o) => {
    process.exitCode = await exportCommand(o);
  });
program
  .command('merge')
  .description('merge shard stores (the --db files of `ingest --shard i/n` processes) into one store or one Parquet dataset: each shard attached read-only and copied in one transaction, corpus token counts summed (docs/datasets.md, "Shards and merge")')
  .argument('<shards...>', 'shard .duckdb files, merged in this order')
  .option('--into <store>', 'store to merge into (created when absent; through its server when one holds it)')
  .option('--out <dir>', 'write a dataset (the format of tokenscope export) to this folder instead (must not exist)')
  .action(async (shards: string[], o) => {
    process.exitCode = await mergeCommand(shards, o);
  });
program
  .command('import')
  .description("import a tokenscope Parquet dataset (tokenscope export's: checked whole, then stored in one transaction; audios already stored are left as they are), or published Parquet code sets (files, or folders without dataset.json: one row per utterance, codes [layers][frames] or [frames][layers]; as ingest-codes)")
  .argument('<paths...>', 'the dataset folder (holding dataset.json), or Parquet files / folders of them')
  .option('--corpus <name>', "import the dataset's one corpus under this name; for code sets, the corpus to ingest into (required)")
  .option('--model <id>', 'code sets: model identity to record (default external:qwen3-tts-tokenizer-12hz)')
  .option('--orientation <o>', 'code sets: frame-major ([frames][layers]) or layer-major ([layers][frames]); default: the side of 16 decides')
  .option('--codes-column <name>', 'code sets: the codes column (default: codes, audio_codes, codec_codes or tokens)')
  .option('--text-column <name>', "code sets: the column stored as each audio's text (default: text, when present)")
  .option('--metadata-columns <a,b,…>', "code sets: scalar columns stored in each audio's metadata (default: every scalar column)")
  .option(...db)
  .action(async (paths: string[], o) => {
    process.exitCode = await importCommand(paths, o);
  });
program
  .command('attach')
  .description("attach a tokenscope Parquet dataset read-only, in place (nothing copied): its corpora appear as <name>/<corpus>, statistics read from its pre-aggregate files; checked as import checks")
  .argument('<dir>', 'the dataset folder (holding dataset.json)')
  .requiredOption('--name <name>', 'name to attach it under')
  .option(...db)
  .action(async (dir: string, o) => {
    process.exitCode = await attachCommand(dir, o);
  });
program
  .command('detach')
  .description('detach an attached dataset: its corpora disappear, its files are left untouched')
  .argument('<name>', 'the name it was attached under')
  .option(...db)
  .action(async (name: string, o) => {
    process.exitCode = await detachCommand(name, o);
  });

program
  .command('decode')
  .description("decode codes back to a 24 kHz mono WAV (N frames → N × 1920 samples) through the model's decoder: an audio's stored codes, or a code file (JSONL, .npy, .json)")
  .argument('[file]', 'code file to decode instead of --audio')
  .option('--audio <id>', 'audio whose stored codes to decode')
  .option('--model <id>', "model whose decoder to use: required with a code file; with --audio, the audio's model (or the registered model of codes ingested under an external id)")
  .requiredOption('--out <file>', 'WAV file to write')
  .option('--layers <list>', 'layers to keep, e.g. 1-8 (ablation; only decoders that take partial sums, not ONNX decoders of token ids)')
  .option('--encoding <e>', 'pcm16 (default) or float32')
  .option('--item <n>', 'which matrix of a code file holding several (1-based)', integer('item'))
  .option('--orientation <o>', 'frame-major (N×16) or layer-major (16×N), for .npy/.json arrays whose shape does not settle it')
  .option('--device <device>', 'cpu (default), cuda or auto')
  .option(...modelsDir)
  .option(...db)
  .action(async (file: string | undefined, o) => {
    process.exitCode = await decodeCommand(file, o);
  });

program
  .command('serve')
  .description('serve the GraphQL API and the dashboard (127.0.0.1:4000 by default)')
  .option('--host <host>', 'listen address (default 127.0.0.1, env TOKENSCOPE_HOST)')
  .option('--port <port>', 'port (default 4000, env TOKENSCOPE_PORT)', integer('port'))
  .option('--api-key <key>', 'key mutations must present (env TOKENSCOPE_API_KEY); required for mutations beyond loopback')
  .option('--data-root <folder>', 'folder server-side ingest may read (repeatable; default data/, env TOKENSCOPE_DATA_ROOTS)', collect)
  .option('--upload-dir <folder>', 'folder dashboard uploads are written to, inside a data root (default uploads/ in the first data root, env TOKENSCOPE_UPLOAD_DIR)')
  .option('--upload-max-bytes <n>', 'largest upload in bytes (default 536870912 = 512 MiB, env TOKENSCOPE_UPLOAD_MAX_BYTES)', integer('upload-max-bytes'))
  .option('--request-timeout-ms <ms>', 'time budget of one query in milliseconds; mutations are exempt (default 10000, env TOKENSCOPE_REQUEST_TIMEOUT_MS)', integer('request-timeout-ms'))
  .option('--allowed-host <name>', 'host name requests may use besides localhost, 127.x.x.x, [::1] and --host (repeatable; env TOKENSCOPE_ALLOWED_HOSTS, comma-separated)', collect)
  .option('--introspection', 'answer GraphQL introspection beyond loopback too (env TOKENSCOPE_INTROSPECTION=1; on by default on loopback)')
  .option(...modelsDir)
  .option(...db)
  .action(async (o) => {
    process.exitCode = await serveCommand(o);
  });

program
  .command('stats')
  .description('per-layer statistics of corpora: several side by side (a column each, with the size-dependent ones also at the smallest corpus size), or merged with --pooled')
  .requiredOption('--corpus <name>', 'corpus (repeatable)', collect)
  .option('--pooled', 'merge several corpora into one set of statistics')
  .option('--layers <list>', 'layer numbers, e.g. 10,11,12', layerList)
  .option('--model <id>', 'only codes of this model')
  .option('--top <n>', 'top tokens per layer', integer('top'))
  .option(...db)
  .action(async (o) => {
    process.exitCode = await statsCommand(o);
  });

program
  .command('evaluate')
  .description('score detections made anywhere against reference labels (no database): sed_eval event-based and segment-based metrics, overall and per class; files are label CSV, DCASE event lists (filename onset offset event_label) or folders of Audacity tracks matched by stem')
  .requiredOption('--reference <file|folder>', 'reference labels')
  .requiredOption('--estimated <file|folder>', 'estimated detections; every file they name must be in the reference')
  .option('--t-collar <seconds>', 'event-based onset collar, and smallest offset collar (default 0.2)', seconds('t-collar'))
  .option('--time-resolution <seconds>', 'segment length of segment-based metrics (default 1.0)', seconds('time-resolution'))
  .option('--json', 'print the whole report as JSON')
  .action(async (o) => {
    process.exitCode = await evaluateCommand(o);
  });

program
  .command('stability')
  .description("token stability: perturb every audio file of a corpus (or decode its codes), re-encode with the corpus's model and compare with the stored codes layer by layer; one stored run per perturbation (replacing the last one of that corpus, model and perturbation), printed as agreement % and unit edit distance by layer")
  .requiredOption('--corpus <name>', 'corpus to measure')
  .requiredOption('--perturb <perturbation>', 'a perturbation (repeatable): noise:snr=20[,colour=babble][,seed=N], gain:db=-6, shift:samples=1, resample:rate=16000, mp3:kbps=64, roundtrip:layers=1-8', collect)
  .option('--model <id>', 'codec model whose audios to measure, when the corpus holds several')
  .option('--json', 'print the stored runs as JSON')
  .option(...modelsDir)
  .option(...db)
  .action(async (o) => {
    process.exitCode = await stabilityCommand(o);
  });

program
  .command('detect')
  .description('run a detector on one audio; --labels writes an Audacity label file')
  .requiredOption('--audio <id>', 'audio id')
  .option('--detector <name>', 'keyLayerVariance, interLayerSpread or coldTokens', 'keyLayerVariance')
  .option('--param <name=value>', 'detector parameter (repeatable), e.g. percentile=90 or layers=[10,11]', param, {})
  .option('--labels <file>', 'write anomalies as an Audacity label track: start<TAB>end<TAB>label (seconds); the label is the class for class-aware detectors, else the detector and peak score')
  .option('--csv <file>', 'write anomalies as CSV: file,start_s,end_s,label (the class for class-aware detectors, else the detector name)')
  .option(...modelsDir)
  .option(...db)
  .action(async (o) => {
    process.exitCode = await detectCommand(o);
  });

const corpora = program.command('corpora').description('corpora: list them (the default) or delete one');
corpora
  .command('list', { isDefault: true })
  .description('list corpora with their audios, frames, hours and models')
  .option(...db)
  .action(async (o) => {
    process.exitCode = await corporaCommand(o);
  });
corpora
  .command('delete')
  .description('delete a corpus with its audios, codes, labels and evaluation runs')
  .argument('<name>', 'corpus')
  .option('--yes', 'really delete (required)')
  .option(...db)
  .action(async (name: string, o) => {
    process.exitCode = await deleteCorpusCommand(name, o);
  });

program
  .command('audios')
  .description("list a corpus's audios: id, name (file, or line and audio of a code file), frames, seconds, text")
  .requiredOption('--corpus <name>', 'corpus')
  .option(...db)
  .action(async (o) => {
    process.exitCode = await audiosCommand(o);
  });

program
  .command('cold-tokens')
  .description('tokens rare in a reference corpus that occur in a target corpus')
  .requiredOption('--reference <name>', 'reference corpus')
  .requiredOption('--target <name>', 'target corpus')
  .option('--layers <list>', 'layer numbers', layerList)
  .option('--max-reference-count <n>', 'cold = at most this many in the reference (default 0)', integer('max-reference-count'))
  .option('--limit <n>', 'how many (default 20; 0: all)', integer('limit'))
  .option(...db)
  .action(async (o) => {
    process.exitCode = await coldTokensCommand(o);
  });

const tokens = program.command('tokens').description('where tokens occur, and which follow which');
tokens
  .command('find')
  .description('how often a token of a layer occurs per corpus, and where (audio, frame, seconds)')
  .requiredOption('--layer <n>', 'layer 1..16', integer('layer'))
  .requiredOption('--token <n>', 'token 0..2047', integer('token'))
  .option('--corpus <name>', 'corpus to search (repeatable; default all)', collect)
  .option('--model <id>', 'only codes of this model')
  .option('--limit <n>', 'places listed (default 20; 0: all)', integer('limit'))
  .option(...db)
  .action(async (o) => {
    process.exitCode = await tokensFindCommand(o);
  });
tokens
  .command('bigrams')
  .description('the most frequent pairs of consecutive tokens (frames t, t+1 of one audio) on a layer of a corpus')
  .requiredOption('--corpus <name>', 'corpus')
  .requiredOption('--layer <n>', 'layer 1..16', integer('layer'))
  .option('--model <id>', 'only codes of this model (required when the corpus holds several)')
  .option('--top <n>', 'pairs listed (default 20, at most 1000)', integer('top'))
  .option(...db)
  .action(async (o) => {
    process.exitCode = await tokensBigramsCommand(o);
  });

program
  .command('compare')
  .description('compare detector configurations on a labelled corpus: a leaderboard of event, segment and frame scores with 95% bootstrap intervals, stored as an evaluation run')
  .option('--corpus <name>', 'labelled corpus to evaluate on (its stored labels are the reference)')
  .option('--detector <spec>', 'name or name:{json params}, e.g. keyLayerVariance:{"percentile":90} (repeatable)', (v: string, prev: DetectorConfigArg[]) => [...prev, parseDetectorSpec(v)], [] as DetectorConfigArg[])
  .option('--sweep <sweep>', 'detector=parameter=v1,v2,… or detector=parameter=a..b, e.g. keyLayerVariance=percentile=90..99 (repeatable)', (v: string, prev: SweepArg[]) => [...prev, parseSweep(v)], [] as SweepArg[])
  .option('--folds <n>', 'cross-validation folds for detectors trained on the corpus itself (2..20, default 5)', integer('folds'))
  .option('--bootstrap <n>', 'bootstrap resamples for the intervals (1..2000, default 200)', integer('bootstrap'))
  .option('--seed <n>', 'seed of the folds and the bootstrap (default 1)', integer('seed'))
  .option('--model <id>', 'codec model to evaluate, when the corpus holds several')
  .option('--name <name>', 'a name for the stored run')
  .option('--labels <path>', 'label file (CSV file,start_s,end_s,label) or folder of Audacity tracks to use instead of the stored labels')
  .option('--labels-format <format>', 'csv or audacity (default csv)')
  .option('--group-by <key>', 'cross-validation folds keep audios sharing this metadata value (e.g. speaker) together')
  .option('--groups <file>', 'cross-validation folds keep source groups together, read from a CSV with the header file,group')
  .option('--json', 'print the whole run as JSON, field names as in the GraphQL schema')
  .option('--add-detections <file>', 'instead of comparing: score this detections file (CSV, DCASE list, Audacity tracks) against stored run --run and add it as row --name')
  .option('--run <id>', 'the stored run --add-detections adds to')
  .option(...modelsDir)
  .option(...db)
  .action(async (o) => {
    process.exitCode = await compareCommand(o);
  });

program
  .command('runs')
  .description('list stored evaluation runs, or reprint one with --show')
  .option('--corpus <name>', 'only runs on this corpus')
  .option('--show <id>', 'reprint the leaderboard and per-class table of this run')
  .option('--diff <rows...>', 'with --show: paired bootstrap of row a − row b (two configurations or ranks): event F1 and frame AUROC with 95% intervals')
  .option('--iterations <n>', 'resamples of the paired bootstrap (1..2000, default 1000)', integer('iterations'))
  .option('--json', 'print the run (or the difference) as JSON, field names as in the GraphQL schema')
  .option(...db)
  .action(async (o) => {
    process.exitCode = await runsCommand(o);
  });

program
  .command('check')
  .description('open the database (recovering it from a crash as every command does) and check that everything stored is whole and consistent')
  .option(...db)
  .action(async (o) => {
    process.exitCode = await checkCommand(o);
  });

program
  .command('demo')
  .description('the main job: generate synthetic code files, ingest them, run the guide analyses')
  .option(...modelsDir)
  .option(...db)
  .action(async (o) => {
    process.exitCode = await demoCommand(o);
  });

installInterruptHandlers();
try {
  await program.parseAsync();
} catch (err) {
  if (err instanceof CliError || err instanceof TokenscopeError) {
    console.error(`error [${err.code}]: ${err.message}`);
    process.exitCode = 1;
  } else {
    throw err;
  }
}
// A command stopped by SIGINT/SIGTERM has closed its store and printed its summary; the status says it was interrupted.
process.exitCode = interruptedExitCode() ?? process.exitCode;
