import { RunStabilityDocument } from '../../client/generated/graphql.js';
import type { RunStabilityMutation } from '../../client/generated/graphql.js';
import { parsePerturbations } from '../../stability-runs/parse-perturbations.js';
import { execute } from '../execute.js';
import { formatTable } from '../format-table.js';
import { interruptedExitCode, interruption } from '../interrupt.js';
import { withApp } from '../open-app.js';
import type { DbOptions } from '../open-app.js';

/** Options of `tokenscope stability`. */
export interface StabilityCliOptions extends DbOptions {
  corpus: string;
  /** Perturbation texts, one run each (repeatable --perturb). */
  perturb: string[];
  /** Codec model whose audios to measure; required when the corpus holds several. */
  model?: string;
  /** Print the stored runs as JSON instead of tables. */
  json?: boolean;
}

type Run = RunStabilityMutation['runStability'][number];

/** A ratio as a percentage with 2 decimals; "-" when there is none. */
function percent(value: number | null): string {
  return value === null ? '-' : `${(value * 100).toFixed(2)}`;
}

/** What a run measured and skipped, in one line. */
function runLine(run: Run): string {
  const skipped = [
    run.audiosWithoutSource ? `${run.audiosWithoutSource} ingested as codes` : '',
    run.audiosSourceMissing ? `${run.audiosSourceMissing} with the file gone or changed` : '',
    run.audiosOtherEncoder ? `${run.audiosOtherEncoder} encoded by another build of the model` : '',
  ].filter(Boolean);
  return `${run.perturbation}: ${run.audios} ${run.audios === 1 ? 'audio' : 'audios'}, ${run.frames} frames, re-encoded by ${run.model} (sha256 ${run.modelSha256.slice(0, 12)}…)${skipped.length ? `; skipped ${skipped.join(', ')}` : ''}`;
}

/**
 * What Ctrl-C does during a run: nothing is stored until every audio is measured, and then in one
 * transaction, so in this process the command can stop at once (a commit under way lands whole or
 * not at all, as after kill -9); a server holding the database goes on and stores the runs.
 */
function stopOnInterrupt(throughServer: boolean): () => void {
  const stop = () => {
    console.error(throughServer ? 'interrupted: the server goes on measuring and stores the runs when it is done' : 'interrupted: this run stores nothing (the runs stored before are kept)');
    process.exit(interruptedExitCode() ?? 130);
  };
  interruption.addEventListener('abort', stop, { once: true });
  return () => interruption.removeEventListener('abort', stop);
}

/**
 * Measures token stability of a corpus under each perturbation (the runStability mutation, in
 * process or through the server holding the database), stores one run per perturbation, and prints
 * a per-layer table of agreement (%) and unit edit distance for each. The runs are stored together
 * once all are measured: Ctrl-C before that stores nothing and leaves earlier runs as they were.
 */
export async function stabilityCommand(options: StabilityCliOptions): Promise<number> {
  // Bad or too many perturbations are refused before a store or server is touched (the mutation refuses them too).
  const distinct = parsePerturbations(options.perturb).length;
  return withApp(options, async (session) => {
    const release = stopOnInterrupt(session.server !== null);
    console.error(`measuring corpus ${options.corpus} under ${distinct} ${distinct === 1 ? 'perturbation' : 'perturbations'}; the runs are stored when all are measured`);
    const { data } = await execute(session, RunStabilityDocument, { corpus: options.corpus, perturbations: options.perturb, model: options.model ?? null }).finally(release);
    const runs = data.runStability;
    if (options.json) {
      console.log(JSON.stringify(runs, null, 2));
      return 0;
    }
    for (const [i, run] of runs.entries()) {
      if (i) console.log('');
      console.log(runLine(run));
      console.log(formatTable(['layer', 'agreement %', 'UED', 'agreeing', 'frames', 'edits', 'units'], run.layers.map((l) => [l.layer, percent(l.agreement), l.unitEditDistance === null ? '-' : l.unitEditDistance.toFixed(4), l.agreeing, l.frames, l.edits, l.units]), [true, true, true, true, true, true, true]));
    }
    return 0;
  });
}
