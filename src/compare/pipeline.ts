import type { Finding } from '../model/finding.js';
import type { CatalogObject, ColumnObject } from '../model/objects.js';
import type { Report, SideInfo, SkippedFile } from '../model/report.js';
import type { SchemaFilter } from '../model/settings.js';
import type { Snapshot } from '../model/snapshot.js';
import type { Waiver } from '../model/waiver.js';
import { canonicalizeExpressions } from '../normalize/expressions.js';
import { normalizeSnapshot } from '../normalize/normalize.js';
import { ObjectIndex } from '../kinds/index.js';
import { sameValue } from '../text/json.js';
import { applyWaivers } from '../waivers/apply.js';
import { compareSnapshots } from './compare.js';
import { excludeFindings, parseObjectPatterns } from './exclude.js';
import type { SeverityOverrides } from './severity.js';
import { buildReport } from './verdict.js';

/** Everything that decides what a comparison reports. Commands and the library pass it whole. */
export interface CompareSettings extends SchemaFilter {
  /** No `columnOrder` findings (`--ignore-column-order`). */
  readonly ignoreColumnOrder?: boolean;
  /** No `comment` findings. */
  readonly ignoreComments?: boolean;
  /** Per-rule severity overrides (the config file's `severities`), keyed like DEFAULT_SEVERITIES. */
  readonly severities?: SeverityOverrides;
  /** `[kind:]glob` patterns on finding keys (`excludeObjects` / `--exclude-object`): differences in these objects are not reported. */
  readonly excludeObjects?: readonly string[];
  /** Accepted drift: matching findings are marked waived and do not fail the run, until they expire on or after `today`. */
  readonly waivers?: readonly Waiver[];
  /** The date waivers are checked against (default: now). */
  readonly today?: Date;
  /**
   * Forward-compatible (`verify --allow-extra`): objects only the actual side has are accepted,
   * not reported, because a newer schema may add them; except a NOT NULL column without a default,
   * which makes inserts written for the expected schema fail. The accepted ones are returned apart.
   */
  readonly allowExtra?: boolean;
  /** Said in the report before anything the comparison adds (environment disagreements, version warnings). */
  readonly warnings?: readonly string[];
  /**
   * The causes of the findings (src/attribution): reads migration files and application code, so
   * the caller supplies it (`diff` does; `verify` has no migrations). It runs after the exclusions
   * and before the waivers, so that the hazards it adds can be waived too.
   */
  readonly explain?: (
    findings: readonly Finding[],
    expected: Snapshot,
    actual: Snapshot,
  ) => Promise<{
    readonly findings: readonly Finding[];
    readonly skipped: readonly SkippedFile[];
    /** Said once at the top of the report (e.g. live has no migration history table at all). */
    readonly warnings?: readonly string[];
  }>;
}

/** A side of the comparison: a snapshot, or a snapshot with what the report says of its source. */
export type ComparedSide = Snapshot | { readonly snapshot: Snapshot; readonly side: SideInfo };

export interface SchemaComparison {
  readonly report: Report;
  /** Under `allowExtra`: the extra objects accepted, which are not in the report's findings. */
  readonly accepted: readonly Finding[];
}

/**
 * The one comparison pipeline, used by every command, the library and the tests:
 * normalize both sides (settings' SchemaFilter) → canonical forms of expressions that read
 * differently → compare → `excludeObjects` → `allowExtra` → causes (`explain`) → report → waivers.
 */
export async function compareSchemas(expected: ComparedSide, actual: ComparedSide, settings: CompareSettings = {}): Promise<SchemaComparison> {
  const excluded = parseObjectPatterns(settings.excludeObjects ?? []);
  const e = sideOf(expected);
  const a = sideOf(actual);
  const normalizedActual = normalizeSnapshot(a.snapshot, settings);
  const [left, right] = withoutIdentical(normalizeSnapshot(e.snapshot, settings), normalizedActual);
  // Expressions that read differently (another major's deparse, a hand-written snapshot) are compared in canonical form.
  const canonical = await canonicalizeExpressions(left, right);
  const compared = excludeFindings(compareSnapshots(canonical.expected, canonical.actual, settings), excluded);

  const { reported, accepted } = settings.allowExtra ? acceptExtras(compared, normalizedActual) : { reported: compared, accepted: [] };
  const explained = settings.explain ? await settings.explain(reported, e.snapshot, a.snapshot) : undefined;
  const warnings = [
    ...(explained?.warnings ?? []),
    ...(settings.warnings ?? []),
    ...(accepted.length > 0
      ? [
          `${accepted.length} object${accepted.length === 1 ? '' : 's'} in live but not in the snapshot accepted (allowExtra): ${accepted.map((f) => `${f.kind} ${f.key}`).join(', ')}`,
        ]
      : []),
  ];
  const report = buildReport({
    expected: e.side,
    actual: a.side,
    findings: explained?.findings ?? reported,
    warnings,
    ...(explained ? { skipped: explained.skipped } : {}),
  });
  return { report: settings.waivers ? applyWaivers(report, settings.waivers, settings.today ?? new Date()) : report, accepted };
}

function sideOf(side: ComparedSide): { snapshot: Snapshot; side: SideInfo } {
  if ('snapshot' in side) return side;
  return { snapshot: side, side: { source: side.source, serverVersion: side.server.version } };
}

/** Extra objects are accepted, except a column that makes the expected schema's inserts fail. */
function acceptExtras(findings: readonly Finding[], actual: Snapshot): { reported: Finding[]; accepted: Finding[] } {
  const columns = new Map(actual.objects.filter((o): o is ColumnObject => o.kind === 'column').map((c) => [c.key, c]));
  const accepted: Finding[] = [];
  const reported: Finding[] = [];
  for (const f of findings) {
    if (f.change !== 'extra') {
      reported.push(f);
      continue;
    }
    const column = f.kind === 'column' ? columns.get(f.key) : undefined;
    if (column && blocksInserts(column))
      reported.push({ ...f, message: `${f.message}: it is NOT NULL without a default, so inserts written for the snapshot's schema fail` });
    else accepted.push(f);
  }
  return { reported, accepted };
}

/** An insert that names only the expected schema's columns fails on this column. */
function blocksInserts(column: ColumnObject): boolean {
  return column.notNull && column.default === null && column.identity === null && column.generated === null;
}

/**
 * Both snapshots without the objects that are identical on both sides: they cannot differ,
 * and a large schema should not pay for comparing them attribute by attribute (a startup check
 * least of all). Constraints stay: which indexes belong to a constraint is read from them.
 */
function withoutIdentical(expected: Snapshot, actual: Snapshot): [Snapshot, Snapshot] {
  const expectedById = new ObjectIndex(expected.objects);
  const same = new Set<CatalogObject>();
  for (const o of actual.objects) {
    const e = expectedById.match(o);
    if (e && o.kind !== 'constraint' && sameValue(e, o)) same.add(e).add(o);
  }
  const keep = (s: Snapshot): Snapshot => ({ ...s, objects: s.objects.filter((o) => !same.has(o)) });
  return [keep(expected), keep(actual)];
}
