import { INLINE_VALUE_LIMIT, kindLabel } from '../compare/messages.js';
import { attributeLabel } from '../kinds/index.js';
import type { AttributeValue, Cause, Finding, Severity } from '../model/finding.js';
import type { CatalogObject, ObjectKind, ObjectRef } from '../model/objects.js';
import type { SchemaTouch } from '../ddl/schema-index.js';
import { splitKey } from '../model/keys.js';

/**
 * `CREATE TABLE IF NOT EXISTS t (a int, b int)` run where `t(a int)` already exists does
 * nothing, silently: the migration "ran", live still lacks `b`. Such a statement is masked
 * when live has the object it checks for and a finding shows what the statement would
 * have made.
 */
export interface MaskedUse {
  readonly touch: SchemaTouch;
  readonly finding: Finding;
}

type Guard = NonNullable<SchemaTouch['guard']>;

/** Where live's version of an object came from, when the application code tells. */
export interface RuntimeOrigin {
  /** `app/db.ts:12 (ensureSchema)`. */
  readonly text: string;
  readonly writer: NonNullable<Cause['writer']>;
}

/** The object whose existence on live makes `touch` a no-op there, when that explains `f`. */
export function maskingOf(touch: SchemaTouch, f: Finding, actualObject: (kind: ObjectKind, key: string) => CatalogObject | undefined): Guard | undefined {
  const guard = touch.guard;
  // A rename is the same object under another name: IF NOT EXISTS would create it again, not skip.
  if (!guard || f.attribute === 'name') return undefined;
  // Live lacks the very object the statement checks for: there the statement does run.
  if (f.change === 'missing' && guard.kind === f.kind && guard.key === f.key) return undefined;
  // A skipped statement explains differences in what it would have made (the object or its parts), not
  // in what holds it: ADD COLUMN IF NOT EXISTS on a column live has says nothing of the table's column order.
  if (f.key !== guard.key && !f.key.startsWith(`${guard.key}.`)) return undefined;
  return actualObject(guard.kind, guard.key) ? guard : undefined;
}

/**
 * One warning per masked statement, at its file:line, saying how live's object differs.
 * `madeBy` says where live's object came from, when the application code tells.
 */
export function maskedStatementFindings(
  uses: readonly MaskedUse[],
  actualObject: (kind: ObjectKind, key: string) => CatalogObject | undefined,
  madeBy: (kind: ObjectKind, key: string) => RuntimeOrigin | undefined,
  severity: Severity,
): Finding[] {
  const byStatement = new Map<string, MaskedUse[]>();
  for (const use of uses) {
    const id = `${use.touch.location.file}:${use.touch.statementLine}`;
    byStatement.set(id, [...(byStatement.get(id) ?? []), use]);
  }
  return [...byStatement].map(([id, group]) => {
    const { touch } = group[0]!;
    const guard = touch.guard!;
    const location = { file: touch.location.file, line: touch.statementLine };
    const live = actualObject(guard.kind, guard.key);
    const without = [...new Set(group.filter((u) => u.finding.change === 'missing').map((u) => detail(u.finding, guard)))].sort();
    const differing = [...new Set(group.filter((u) => u.finding.change !== 'missing').map((u) => detail(u.finding, guard)))].sort();
    const details = [...(without.length ? [`without ${without.join(', ')}`] : []), ...(differing.length ? [`with ${differing.join(', ')}`] : [])];
    const origin = madeBy(guard.kind, guard.key);
    return {
      change: 'hazard',
      kind: 'masked_statement',
      key: id,
      object: live ? refOf(live) : guardRef(guard.key),
      severity,
      message: `${touch.statement} at ${id} does nothing on live, where ${kindLabel(guard.kind)} ${guard.key} already exists ${details.join(' and ')}`,
      cause: {
        type: 'migration_mismatch',
        location,
        ...(origin ? { writer: origin.writer } : {}),
        message: origin
          ? `live's ${guard.key} was created at runtime by ${origin.text}`
          : originUnknown(
              guard,
              group.map((u) => u.finding),
            ),
      },
    } satisfies Finding;
  });
}

/**
 * Where live's object came from, when no runtime writer made it. Live lacking or differing in
 * what this very statement writes means it was made some other way; a version that differs
 * alone does not: `CREATE EXTENSION` without VERSION installs the server's default, so this
 * statement may well have made it, on an older server or before the extension was updated.
 */
function originUnknown(guard: Guard, findings: readonly Finding[]): string {
  if (findings.every((f) => f.kind === 'extension' && f.attribute === 'version')) {
    return `live's ${guard.key} may have been created by this very statement, at the default version of an older server or release; ALTER EXTENSION ${guard.key} UPDATE has not been run since`;
  }
  return `live's ${guard.key} was made some other way: by hand, or by a writer outside the migrations`;
}

/**
 * What live's object has or lacks, to follow "with" / "without": `column read_at`,
 * `type json (not jsonb)`, `column kind nullable (not NOT NULL)`, `its columns in another order`,
 * `another definition of index t_a_idx`.
 */
function detail(f: Finding, guard: Guard): string {
  const part = f.key === guard.key ? undefined : `${kindLabel(f.kind as ObjectKind)} ${f.object.name}`;
  if (f.change === 'missing') return `${kindLabel(f.kind as ObjectKind)} ${f.object.name}`;
  const words = NULLABILITY[f.attribute ?? ''];
  const subject = part ? `${part} ` : '';
  if (words && typeof f.actual === 'boolean') return `${subject}${words[f.actual ? 0 : 1]} (not ${words[f.actual ? 1 : 0]})`;
  if (f.attribute === 'columnOrder') return part ? `the columns of ${part} in another order` : 'its columns in another order';
  const label = attributeLabel(f.kind as ObjectKind, f.attribute ?? '');
  const [a, e] = [short(f.actual), short(f.expected)];
  if (a !== undefined && e !== undefined) return `${subject}${label} ${a} (not ${e})`;
  return part ? `another ${label} of ${part}` : `another ${label}`;
}

const NULLABILITY: Readonly<Record<string, readonly [whenTrue: string, whenFalse: string]>> = {
  nullable: ['nullable', 'NOT NULL'],
  notNull: ['NOT NULL', 'nullable'],
};

function short(v: AttributeValue | undefined): string | undefined {
  if (v === null) return 'none';
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string' && v.length <= INLINE_VALUE_LIMIT && !v.includes('\n')) return v;
  if (Array.isArray(v)) {
    const text = `(${v.map(String).join(', ')})`;
    return text.length <= INLINE_VALUE_LIMIT ? text : undefined;
  }
  return undefined;
}

function refOf(o: CatalogObject): ObjectRef {
  const table = o.kind === 'table' ? o.name : o.table;
  return table === undefined ? { schema: o.schema, name: o.name } : { schema: o.schema, table, name: o.name };
}

/** The schema and name a guard's key names (its object is not on live). */
function guardRef(key: string): { schema: string; name: string } {
  const parts = splitKey(key) ?? [key];
  return { schema: parts[0] ?? '', name: parts.at(-1) ?? '' };
}
