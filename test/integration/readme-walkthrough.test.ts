import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../support/cli-process.js';
import type { Finished } from '../support/cli-process.js';
import { repoRoot, sharedDir } from '../support/paths.js';

/**
 * The README's walkthrough, run as written from the repository folder: its server line in a
 * process of its own, then each command line in another process while the server runs, each of
 * which must succeed through that server. Only the database (TOKENSCOPE_DB, a fresh file) and the
 * port (TOKENSCOPE_PORT=0) differ from a user's run, and `../shared` becomes $TOKENSCOPE_SHARED
 * when that names another folder.
 */

const README = readFileSync(join(repoRoot(), 'README.md'), 'utf8');

/** The indented command lines after `marker` up to the next blank-line-separated end (or `end`). */
function commandsAfter(marker: string, end?: string): string[] {
  const from = README.indexOf(marker);
  assert.ok(from >= 0, `README.md has ${marker}`);
  const to = end ? README.indexOf(end, from) : README.indexOf('\n\n', README.indexOf('    ', from));
  return README.slice(from + marker.length, to)
    .split('\n')
    .filter((l) => l.startsWith('    npx tokenscope '))
    .map((l) => l.trim().replace(/\s+#\s.*$/, ''));
}

const shared = sharedDir();
const asHere = (line: string) => (resolve(repoRoot(), '..', 'shared') === shared ? line : line.replaceAll('../shared', shared));

/** Runs one README line through bash in the repository folder. */
function shell(line: string, env: Record<string, string>): { child: ReturnType<typeof spawn>; finished: Promise<Finished> } {
  const child = spawn('bash', ['-c', `exec ${asHere(line)}`], { cwd: repoRoot(), env: { ...process.env, TOKENSCOPE_API_KEY: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d));
  child.stderr!.on('data', (d: Buffer) => (stderr += d));
  return { child, finished: new Promise((r) => child.on('close', (code, signal) => r({ code, signal, stdout, stderr }))) };
}

describe('the README walkthrough, with the server in another process', { skip: existsSync(join(shared, 'corpus', 'mixtures')) ? false : `${shared}/corpus/mixtures not found (set TOKENSCOPE_SHARED): the walkthrough needs the dev corpus`, timeout: 900_000 }, () => {
  let dir: string;
  let env: Record<string, string>;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenscope-walkthrough-'));
    env = { TOKENSCOPE_DB: join(dir, 'tokenscope.duckdb'), TOKENSCOPE_PORT: '0' };
    // The walkthrough follows `npm run demo` (the build is this test run's own).
    const demo = await runCli(['demo'], env);
    assert.equal(demo.code, 0, demo.stderr);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('runs every command line as written, each through the running server, and they all succeed', async () => {
    const [serveLine] = commandsAfter('<!-- walkthrough:serve -->');
    const lines = commandsAfter('<!-- walkthrough:start -->', '<!-- walkthrough:end -->');
    assert.ok(serveLine?.startsWith('npx tokenscope serve'), 'the walkthrough starts a server');
    assert.ok(lines.length >= 10, `the walkthrough has its commands (found ${lines.length})`);
    const server = shell(serveLine, env);
    let serverOutput = '';
    server.child.stdout!.on('data', (d: Buffer) => (serverOutput += d));
    server.child.stderr!.on('data', (d: Buffer) => (serverOutput += d));
    const file = `${env['TOKENSCOPE_DB']}.server.json`;
    let pid = 0;
    try {
      for (let waited = 0; !existsSync(file); waited += 100) {
        assert.ok(waited < 60_000, `the server announced itself within 60 s; it printed:\n${serverOutput}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      pid = (JSON.parse(await readFile(file, 'utf8')) as { pid: number }).pid;
      for (const line of lines) {
        const f = await shell(line, env).finished;
        assert.equal(f.code, 0, `${line}\nexited ${f.code}:\n${f.stderr.slice(-2000)}`);
        if (!/^npx tokenscope models /.test(line)) assert.match(f.stderr, new RegExp(`through the server at http://127\\.0\\.0\\.1:\\d+/graphql, pid ${pid}`), line);
        if (line.includes('detect --audio 21 --detector keyLayerVariance')) assert.match(f.stdout, /keyLayerVariance on audio 21: \d+ frames/);
        if (line.includes('eventClassifier')) assert.match(f.stdout, /per class/);
      }
      const demoEvents = await shell('npx tokenscope audios --corpus demo-events', env).finished;
      assert.match(demoEvents.stdout, /^\s*21\s/m, 'audio 21 is the first of demo-events, as the README says');
    } finally {
      // Ctrl-C reaches the server itself (npx, between bash and it, does not pass signals on).
      if (pid) process.kill(pid, 'SIGINT');
      else server.child.kill('SIGKILL');
      const stopped = await server.finished;
      if (pid) assert.equal(existsSync(file), false, `the server stopped in order on Ctrl-C and removed its file:\n${stopped.stderr}`);
    }
  });
});
