import type { StampResult } from '../commands/stamp.js';
import { escapeControl } from '../model/escape.js';
import { renderJson, type ToolInfo } from './json.js';
import type { Severity } from '../model/finding.js';
import { renderText } from './text.js';

/**
 * `pgparity stamp`'s outcome as text: the check's report when refused, else what was (or would
 * be) recorded. Its own lines show file and table names with control characters escaped.
 */
export function renderStampText(result: StampResult, { color, failOn }: { readonly color: boolean; readonly failOn: Severity }): string {
  const lines: string[] = [];
  const report = result.status === 'refused' && result.report ? renderText(result.report, { color, failOn }).trimEnd() : undefined;
  const width = Math.max(0, ...result.rows.map((r) => r.filename.length));
  const names = (rows: StampResult['rows']): string[] =>
    rows.map((r) => `  ${r.checksum ? `${r.filename.padEnd(width)}  ${result.checksumAlgorithm ?? ''} ${r.checksum}` : r.filename}`);
  switch (result.status) {
    case 'refused':
      lines.push(`pgparity stamp: refused — nothing was written to ${result.table}`);
      break;
    case 'up-to-date':
      lines.push(`pgparity stamp: ${result.table} already records every migration up to ${result.until}; nothing to write`);
      break;
    case 'dry-run':
      lines.push(`pgparity stamp: live matches the migrations up to ${result.until} — dry run, nothing written`);
      if (result.createdTable) lines.push(`would create ${result.table} (${result.columns})`);
      lines.push(
        `would record ${result.rows.length} migration${result.rows.length === 1 ? '' : 's'} in ${result.table}:`,
        ...names(result.rows),
        '',
        'statements:',
        ...result.statements.map((s) => `  ${s};`),
      );
      break;
    case 'stamped':
      lines.push(`pgparity stamp: live matches the migrations up to ${result.until}`);
      if (result.createdTable) lines.push(`created ${result.table}`);
      lines.push(`recorded ${result.rows.length} migration${result.rows.length === 1 ? '' : 's'} in ${result.table}:`, ...names(result.rows));
      break;
  }
  // The check's report escapes what it shows itself.
  const own = lines.map((line) => escapeControl(line));
  return `${(report === undefined ? own : [report, '', ...own]).join('\n')}\n`;
}

/** `pgparity stamp --format json`: the outcome, with the check's report as `check` when there is one. */
export function renderStampJson(result: StampResult, tool: ToolInfo, failOn: Severity): string {
  const document = {
    formatVersion: 1,
    tool: { name: tool.name, version: tool.version },
    status: result.status,
    table: result.table,
    until: result.until,
    createdTable: result.createdTable,
    checksumAlgorithm: result.checksumAlgorithm,
    rows: result.rows.map((r) => ({ filename: r.filename, checksum: r.checksum, file: r.file })),
    reasons: [...result.reasons],
    ...(result.report ? { check: JSON.parse(renderJson(result.report, tool, { failOn })) as unknown } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
