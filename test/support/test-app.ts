import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../../src/config/settings.js';
import type { Settings } from '../../src/config/settings.js';
import { repoRoot } from './paths.js';
import { createApp } from '../../src/main.js';
import type { App } from '../../src/main.js';

/** An app on an in-memory database whose first data root is a fresh temporary folder. */
export interface TestApp {
  app: App;
  /** The temporary data root (first of settings.dataRoots); removed by close(). */
  root: string;
  /** Closes the app and removes the temporary folder. */
  close(): Promise<void>;
}

/**
 * Creates an app for tests: ':memory:' database, loopback host, no API key, data roots
 * [a fresh folder under os.tmpdir(), ...extraRoots]; `overrides` win over all of these.
 */
export async function createTestApp(overrides: Partial<Settings> = {}, extraRoots: readonly string[] = []): Promise<TestApp> {
  const root = await mkdtemp(join(tmpdir(), 'tokenscope-it-'));
  const settings: Settings = loadSettings({ dbPath: ':memory:', dataRoots: [root, ...extraRoots], apiKey: null, host: '127.0.0.1', port: 0, device: 'cpu', ...overrides }, {}, repoRoot());
  try {
    const app = await createApp(settings);
    return {
      app,
      root,
      close: async () => {
        await app.close();
        await rm(root, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(root, { recursive: true, force: true });
    throw err;
  }
}
