export { normalizeSnapshot, type NormalizeOptions } from './normalize.js';
export { canonicalizeExpressions } from './expressions.js';
export { HISTORY_TABLES, HISTORY_SCHEMAS, findHistoryTable, type HistoryTable } from './history.js';
