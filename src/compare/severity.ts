import { kindSeverities } from '../kinds/index.js';
import type { Change, FindingKind, Severity } from '../model/finding.js';

/**
 * Severity of a finding, looked up from the most specific rule to the least:
 * `change.kind.attribute`, `change.*.attribute`, `change.kind`, `change`.
 * A configuration file can override any entry (`SeverityOverrides`).
 */
export type SeverityRules = Readonly<Record<string, Severity>>;
export type SeverityOverrides = Readonly<Record<string, Severity>>;

export const DEFAULT_SEVERITIES: SeverityRules = {
  missing: 'error',
  extra: 'error',
  changed: 'error',
  'changed.*.comment': 'info',
  // Same object under another name (`create_all` naming vs migration naming).
  'changed.*.name': 'warning',
  // A runtime schema writer or a masked IF NOT EXISTS: how drift happens, not drift itself.
  hazard: 'warning',
  // Each kind's own defaults (`extra.extension`, `changed.sequence.start`, …): src/kinds/<kind>.ts.
  ...kindSeverities(),
};

export function severityOf(change: Change, kind: FindingKind, attribute: string | undefined, rules: SeverityRules = DEFAULT_SEVERITIES): Severity {
  const candidates = attribute === undefined ? [] : [`${change}.${kind}.${attribute}`, `${change}.*.${attribute}`];
  candidates.push(`${change}.${kind}`, change);
  for (const c of candidates) {
    const s = rules[c];
    if (s !== undefined) return s;
  }
  return 'error';
}
