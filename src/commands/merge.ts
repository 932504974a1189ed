import { readFile } from 'node:fs/promises';
import { buildFleetReport } from '../fleet/report.js';
import { ConfigError } from '../model/errors.js';
import type { Severity } from '../model/finding.js';
import type { FleetReport, TargetResult } from '../model/fleet.js';

/**
 * Combine the JSON reports of a fleet's shards (`check --targets … --shard i/n --format json`)
 * into the report the whole fleet would have given: every target once, sorted, counted, with
 * the verdict decided by `failOn` (default: the shards' own).
 */
export async function mergeFleetReports(files: readonly string[], options: { readonly failOn?: Severity } = {}): Promise<FleetReport> {
  if (files.length === 0) throw new ConfigError('pgparity merge needs the shard reports to merge: pgparity merge part-*.json');
  const parts = await Promise.all(files.map(readPart));
  const expected = parts[0]!.report.expected;
  const warnings = new Set<string>();
  const seen = new Map<string, string>();
  const targets: TargetResult[] = [];
  for (const { file, report } of parts) {
    if (report.expected.source !== expected.source || report.expected.serverVersion !== expected.serverVersion) {
      warnings.add(
        `${file} compared its targets with ${report.expected.source} (PostgreSQL ${report.expected.serverVersion}), ${files[0]} with ${expected.source} (PostgreSQL ${expected.serverVersion})`,
      );
    }
    for (const w of report.warnings) warnings.add(w);
    for (const target of report.targets) {
      const other = seen.get(target.name);
      if (other) throw new ConfigError(`target ${target.name} is in both ${other} and ${file}: merge the reports of one run's shards only`);
      seen.set(target.name, file);
      targets.push(target);
    }
  }
  const shards = parts.map((p) => p.report.shard).filter((s) => s !== undefined);
  const counts = new Set(shards.map((s) => s.count));
  if (counts.size === 1 && shards.length < [...counts][0]!)
    warnings.add(`${shards.length} of ${[...counts][0]} shards merged: the other shards' targets are not in this report`);
  return buildFleetReport({ expected, targets, failOn: options.failOn ?? parts[0]!.report.failOn, warnings: [...warnings] });
}

async function readPart(file: string): Promise<{ file: string; report: FleetReport }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  let data: Partial<FleetReport> & { formatVersion?: unknown };
  try {
    data = JSON.parse(text) as typeof data;
  } catch {
    throw new ConfigError(`${file} is not JSON: merge the files written by check --targets … --format json`);
  }
  if (data.formatVersion !== 1 || !Array.isArray(data.targets) || !data.expected || !data.summary) {
    throw new ConfigError(`${file} is not a fleet report (formatVersion 1 with "targets"): write it with check --targets … --format json`);
  }
  return { file, report: { ...(data as FleetReport), failOn: data.failOn ?? 'error', warnings: data.warnings ?? [] } };
}
