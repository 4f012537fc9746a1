/**
 * Preloaded (`node --import`) into the process whose memory is measured: at exit, writes the
 * process's peak resident set size (getrusage ru_maxrss, KiB) to the file named by
 * TOKENSCOPE_BENCH_PEAK_RSS_FILE. The measured program itself is not changed.
 */
import { writeFileSync } from 'node:fs';

const out = process.env['TOKENSCOPE_BENCH_PEAK_RSS_FILE'];
if (out) process.on('exit', () => writeFileSync(out, JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS })));
