import type { MigrationRehearsal, Rehearsal, RehearsalFinding, ResetRehearsal, StepFailure } from '../model/rehearsal.js';
import { finding, type ToolInfo } from './json.js';

/**
 * `pgparity rehearse --format json` (formatVersion 1): keys always in this order, optional fields
 * left out rather than null, 2-space indent, trailing newline. Findings have the shape of
 * check's, with the `phase` they come from.
 */
export function renderRehearsalJson(rehearsal: Rehearsal, tool: ToolInfo): string {
  const document = {
    formatVersion: 1,
    tool: { name: tool.name, version: tool.version },
    verdict: rehearsal.verdict,
    scratch: {
      source: rehearsal.source.source,
      serverVersion: rehearsal.source.serverVersion,
      ...(rehearsal.source.provider !== undefined && { provider: rehearsal.source.provider }),
    },
    summary: { ...rehearsal.summary },
    migrations: rehearsal.migrations.map(migration),
    ...(rehearsal.full !== undefined && { full: full(rehearsal.full) }),
    warnings: [...rehearsal.warnings],
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function migration(m: MigrationRehearsal): object {
  return {
    id: m.id,
    file: m.file ?? null,
    downFile: m.downFile ?? null,
    status: m.status,
    fails: m.fails,
    findings: m.findings.map(phased),
    irreversibleStatements: m.irreversibleStatements.map((s) => ({ file: s.file, line: s.line, statement: s.statement, reason: s.reason })),
    ...(m.failure !== undefined && { failure: failure(m.failure) }),
    ...(m.accepted !== undefined && { accepted: m.accepted }),
    ...(m.data !== undefined && { data: [...m.data] }),
  };
}

function full(f: ResetRehearsal): object {
  return {
    status: f.status,
    fails: f.fails,
    findings: f.findings.map(phased),
    ...(f.migration !== undefined && { migration: f.migration }),
    ...(f.failure !== undefined && { failure: failure(f.failure) }),
  };
}

function phased(f: RehearsalFinding): object {
  return { phase: f.phase, ...finding(f) };
}

function failure(f: StepFailure): object {
  return {
    message: f.message,
    ...(f.position !== undefined && { position: { file: f.position.file, line: f.position.line, column: f.position.column } }),
    ...(f.excerpt !== undefined && { excerpt: f.excerpt }),
  };
}
