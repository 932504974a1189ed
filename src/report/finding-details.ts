import type { AttributeValue, Finding } from '../model/finding.js';

/** The severity rule that names this finding, as the config file's `severities` keys it: `changed.column.nullable`. */
export function ruleKey(f: Finding): string {
  return `${f.change}.${f.kind}${f.attribute ? `.${f.attribute}` : ''}`;
}

/** A value as a person reads it: text as is, none for null, JSON for anything else. */
export function showValue(value: AttributeValue | undefined): string {
  if (value === undefined || value === null) return 'none';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
