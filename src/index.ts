/** pgparity's library API: re-exports only. */

export { check, type CheckSettings } from './commands/check.js';
export { diff, type DiffResult, type DiffSettings } from './commands/diff.js';
export { takeSnapshot, type SnapshotSettings } from './commands/snapshot.js';
export { verifySchema, type VerifyConnection, type VerifyOptions, type VerifyResult } from './commands/verify.js';
export { auditMigrationHistory, type HistorySettings } from './commands/history.js';
export { stamp, type StampResult, type StampRow, type StampSettings } from './commands/stamp.js';
export { rehearse, type RehearseSettings } from './commands/rehearse.js';
export { preflight, preflightExitCode, type PreflightSettings } from './commands/preflight.js';
export * from './model/preflight.js';

export { introspectCatalog, parseSnapshot, serializeSnapshot, type IntrospectOptions, type Introspection } from './catalog/index.js';
export { canonicalizeExpressions, normalizeSnapshot, type NormalizeOptions } from './normalize/index.js';
export { compareSchemas, type ComparedSide, type CompareSettings, type SchemaComparison } from './compare/pipeline.js';
export { buildReport, compareSnapshots, exitCodeFor, type CompareOptions } from './compare/index.js';
export { renderJson, renderText, renderRehearsalJson, renderRehearsalText } from './report/index.js';

export type { ConnectionTarget } from './db/target.js';
export type { SessionLimits } from './db/connect.js';
export type { HistoryFinding, HistoryProblem, HistoryReport, HistoryTableSummary } from './history/model.js';
export * from './model/index.js';
