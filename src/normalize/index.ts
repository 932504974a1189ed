export { normalizeSnapshot, type NormalizeOptions } from './normalize.js';
export { HISTORY_TABLES, HISTORY_SCHEMAS, findHistoryTable, type HistoryTable } from './history.js';
