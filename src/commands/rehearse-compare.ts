import type { AttributeValue, Finding } from '../model/finding.js';
import type { CatalogObject, ObjectKind } from '../model/objects.js';
import type { RehearsalFinding, RehearsalPhase } from '../model/rehearsal.js';
import type { Snapshot } from '../model/snapshot.js';
import { compareSchemas, type CompareSettings } from '../compare/pipeline.js';
import { isLongValue, kindLabel } from '../compare/messages.js';
import { attributeLabel } from '../kinds/index.js';

/** What decides which differences between two states of the scratch database count: check's settings, without waivers or causes. */
export type StateComparison = Pick<
  CompareSettings,
  'schemas' | 'excludeSchemas' | 'excludeTables' | 'excludeObjects' | 'includeHistoryTables' | 'include' | 'ignoreColumnOrder' | 'severities'
>;

/**
 * The differences between the state a step should have restored (`wanted`) and the state it
 * left (`found`), through the one comparison pipeline check and diff use.
 */
export async function compareStates(wanted: Snapshot, found: Snapshot, settings: StateComparison): Promise<Finding[]> {
  // Most steps restore exactly what was read before (objects come sorted): nothing to normalize or compare.
  if (sameObjects(wanted.objects, found.objects)) return [];
  const { schemas, excludeSchemas, excludeTables, excludeObjects, includeHistoryTables, include, ignoreColumnOrder, severities } = settings;
  const { report } = await compareSchemas(wanted, found, {
    schemas,
    excludeSchemas,
    excludeTables,
    excludeObjects,
    includeHistoryTables,
    include,
    ignoreColumnOrder,
    severities,
  });
  return [...report.findings];
}

const SERIALIZED = new WeakMap<CatalogObject, string>();

/**
 * Whether two snapshots' objects are the same, in order. An incremental read keeps the objects of
 * the relations it did not read again, so most compare as one instance; the others as text, each
 * object serialized once.
 */
function sameObjects(a: readonly CatalogObject[], b: readonly CatalogObject[]): boolean {
  return a.length === b.length && a.every((object, i) => object === b[i] || serialized(object) === serialized(b[i]!));
}

function serialized(object: CatalogObject): string {
  let text = SERIALIZED.get(object);
  if (text === undefined) SERIALIZED.set(object, (text = JSON.stringify(object)));
  return text;
}

/** How each comparison names its two states, for the findings' messages. */
const WORDING: Readonly<Record<RehearsalPhase, { readonly missing: string; readonly extra: string; readonly found: string; readonly wanted: string }>> = {
  down: { missing: 'down does not restore', extra: 'down leaves', found: 'after the down', wanted: 'before the up' },
  reup: {
    missing: 'up run again after its down does not recreate',
    extra: 'up run again after its down also leaves',
    found: 'after down and up again',
    wanted: 'after the first up',
  },
  reset: {
    missing: 'every down back to the start does not restore',
    extra: 'every down back to the start leaves',
    found: 'after every down',
    wanted: 'at the start',
  },
  replay: { missing: 'every up again does not recreate', extra: 'every up again also leaves', found: 'after every up again', wanted: 'after the first replay' },
};

/** A finding of `compareStates`, reworded for the rehearsal step it comes from. */
export function rehearsalFinding(f: Finding, phase: RehearsalPhase): RehearsalFinding {
  const words = WORDING[phase];
  const subject = `${kindLabel(f.kind as ObjectKind)} ${f.key}`;
  let message: string;
  if (f.change === 'missing') message = `${words.missing} ${subject}`;
  else if (f.change === 'extra') message = `${words.extra} ${subject}`;
  else {
    const label = attributeLabel(f.kind as ObjectKind, f.attribute ?? '');
    message =
      isLongValue(f.expected) || isLongValue(f.actual)
        ? `${subject}: ${label} differs ${words.found} from ${words.wanted}`
        : `${subject}: ${label} is ${shown(f.actual)} ${words.found}, ${shown(f.expected)} ${words.wanted}`;
  }
  return { ...f, message, phase };
}

function shown(value: AttributeValue | undefined): string {
  if (value === undefined || value === null) return 'none';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (Array.isArray(value)) return `(${value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')})`;
  return JSON.stringify(value);
}
