/** Identity of the shipped reference encoders, shared by the build, its manifest and the docs. */
import { REFERENCE_MODEL_ID } from '../../src/config/settings.js';

/** The default reference encoder (folder name under models/ and manifest id): what `npm run build:model` builds. */
export const MODEL_ID = REFERENCE_MODEL_ID;
/**
 * Every reference encoder shipped in models/, oldest first: v1 (trained on the whole dev corpus, the
 * evaluation mixtures included) stays loadable; v2 (no mixtures) is the default.
 */
export const SHIPPED_MODEL_IDS: readonly string[] = ['tokenscope-ref-v1', 'tokenscope-ref-v2'];
/** Manifest family of every reference encoder tokenscope builds. */
export const MODEL_FAMILY = 'tokenscope-reference';
/**
 * The weights are statistics of the dev corpus, whose clips carry mixed licences (SOURCES.md):
 * keep them inside the project until the unlicensed sources are replaced.
 */
export const MODEL_LICENCE =
  'Project-internal use only: weights derived from the dev corpus (../shared/corpus/SOURCES.md), whose clips are CC BY-SA 4.0 (FSDD), CC BY 4.0 (LibriSpeech, Speech Commands), MIT, CMU ARCTIC free-use, and two sources with no stated licence (Sharwin24/Machine-Learning-and-Sensing, hernanmd/COVID-19-train-audio); not cleared for redistribution';
