export { compareSnapshots, type CompareOptions } from './compare.js';
export { buildReport, exitCodeFor, gateOf, type Gate, type ReportInput } from './verdict.js';
export { DEFAULT_SEVERITIES, severityOf, type SeverityOverrides, type SeverityRules } from './severity.js';
export { sortFindings, compareFindings } from './order.js';
export { excludeFindings, parseObjectPattern, type ObjectPattern } from './exclude.js';
