import { createDetectorRegistry } from './analytics/detectors/registry.js';
import type { DetectorRegistry } from './analytics/detectors/registry.js';
import { createApi } from './api/server.js';
import type { Api, ApiServices } from './api/server.js';
import type { Settings } from './config/settings.js';
import { openStore } from './store/store.js';
import type { Store } from './store/store.js';

/** Everything wired once: the composition root. */
export interface App {
  settings: Settings;
  store: Store;
  registry: DetectorRegistry;
  api: Api;
  services: ApiServices;
  /** Stops the API, then closes the store. */
  close(): Promise<void>;
}

/** Opens the store, builds the detector registry and the API. */
export async function createApp(settings: Settings): Promise<App> {
  const store = await openStore(settings.dbPath);
  try {
    const registry = createDetectorRegistry();
    const services: ApiServices = { store, registry, config: { dataRoots: settings.dataRoots, apiKey: settings.apiKey, host: settings.host } };
    const api = await createApi(services);
    return {
      settings,
      store,
      registry,
      api,
      services,
      close: async () => {
        await api.stop();
        await store.close();
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}
