import type { Finding, Severity } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { ruleKey, showValue } from './finding-details.js';
import { escapeControl } from '../model/escape.js';

const COMMAND: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`), one line each:
 * a finding becomes an annotation of its severity (info as a notice), placed on the migration
 * file and line that caused it when attribution knows them, on the run otherwise; waived
 * findings are left out; the report's warnings become `::warning` lines.
 */
export function renderAnnotations(report: Report): string {
  const lines = report.warnings.map((w) => `::warning title=pgparity::${data(w)}`);
  for (const f of report.findings) if (!f.waiver) lines.push(annotation(f));
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function annotation(f: Finding): string {
  const location = f.cause?.location;
  const properties = [
    ...(location ? [`file=${property(location.file)}`, `line=${location.line}`] : []),
    `title=${property(escapeControl(`pgparity: ${f.change} ${f.kind} ${f.key} (${ruleKey(f)})`))}`,
  ];
  const lines = [f.message];
  if (f.change === 'changed') lines.push(`expected (migrations): ${showValue(f.expected)}`, `actual (live): ${showValue(f.actual)}`);
  if (f.cause) lines.push(f.cause.message);
  // A name's own newline stays visible as `\n`; only the lines joined here become line breaks.
  const body = lines.map((l) => escapeControl(l)).join('\n');
  return `::${COMMAND[f.severity]} ${properties.join(',')}::${data(body)}`;
}

/** The message part: `%`, CR and LF escaped, as the runner expects. */
function data(value: string): string {
  return escapeControl(value, '\n\r').replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: also `:` and `,`, which would end it. */
function property(value: string): string {
  return data(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
