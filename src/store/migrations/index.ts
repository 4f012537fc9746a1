import { initialSchema } from './001-initial.js';
import { audioSourcesAndLabels } from './002-audio-sources-and-labels.js';
import { evaluationRuns } from './003-evaluation-runs.js';
import { audioFileIdentity } from './004-audio-file-identity.js';
import { stabilityRuns } from './005-stability-runs.js';
import { attachedDatasets } from './006-attached-datasets.js';
import type { Migration } from './migration.js';

/** Every migration, in version order. Append new ones; never edit an applied one. */
export const migrations: readonly Migration[] = [initialSchema, audioSourcesAndLabels, evaluationRuns, audioFileIdentity, stabilityRuns, attachedDatasets];
