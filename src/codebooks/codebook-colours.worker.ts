import { parentPort, workerData } from 'node:worker_threads';
import { codebookColours } from './codebook-colours.js';
import type { CodebookVectors } from './codebook-colours.js';

// Entry of the thread codebookColoursInWorker starts: one computation, answered with the bytes.
const colours = codebookColours(workerData as CodebookVectors);
parentPort!.postMessage(colours, [colours.buffer as ArrayBuffer]);
