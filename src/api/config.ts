/** Settings of the GraphQL edge. */
export interface ApiConfig {
  /** Folders inside which server-side paths may be ingested (absolute). */
  dataRoots: readonly string[];
  /** Key that mutations must present (`Authorization: Bearer <key>` or `x-api-key`); null if none. */
  apiKey: string | null;
  /** Address the server listens on. */
  host: string;
}
