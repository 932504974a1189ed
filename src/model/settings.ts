import type { AccessDetail } from './objects.js';

/**
 * What of a schema is read and compared. One value, passed whole from the command line or the
 * config file to introspection (`schemas`, `excludeSchemas`, `include`) and to normalization (all of it).
 */
export interface SchemaFilter {
  /** Only these schemas (`--schema`); empty or absent means all. */
  readonly schemas?: readonly string[];
  /** Never these schemas (`--exclude-schema`). */
  readonly excludeSchemas?: readonly string[];
  /** Glob patterns (`*`, `?`) matched against the key `schema.name` (parts quoted as `quote_ident` would) and against `name`: `public.audit_*`, `audit_*`. */
  readonly excludeTables?: readonly string[];
  /** Keep the migration tools' own history tables (left out by default). */
  readonly includeHistoryTables?: boolean;
  /** Compare owners and / or privileges (`--include`); left out otherwise, also when a snapshot file has them. */
  readonly include?: readonly AccessDetail[];
}
