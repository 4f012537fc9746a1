/** Settings of the API edge (GraphQL and the plain HTTP routes). */
export interface ApiConfig {
  /** Folders inside which server-side paths may be ingested (absolute). */
  dataRoots: readonly string[];
  /** Key that mutations must present (`Authorization: Bearer <key>` or `x-api-key`); null if none. */
  apiKey: string | null;
  /** Address the server listens on. */
  host: string;
  /** Folder holding the built dashboard (index.html and assets/), served at `/`. */
  webRoot: string;
  /** Folder uploads are written to (must lie inside the data roots); null disables uploads. */
  uploadDir: string | null;
  /** Largest upload accepted, in bytes. */
  uploadMaxBytes: number;
  /** Time budget of one query over HTTP, in milliseconds (mutations are exempt). */
  requestTimeoutMs: number;
  /** Host names (lower case, no port) requests may name besides loopback and `host` (rebinding defence). */
  allowedHosts: readonly string[];
  /** Whether GraphQL introspection is answered (fixed when the server starts). */
  introspection: boolean;
  /** The running server's token for the CLI of its user (see cli-access.ts); null when none was issued. */
  cliToken?: string | null;
}
