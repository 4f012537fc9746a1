/** A schema change: applied once, in version order, inside one transaction. */
export interface Migration {
  /** Strictly increasing version number. */
  readonly version: number;
  /** What the migration does, recorded in schema_migrations. */
  readonly name: string;
  /** DDL statements, run in order. */
  readonly statements: readonly string[];
}
