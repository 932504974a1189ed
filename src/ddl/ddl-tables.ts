import { checkConstraintColumn, chooseName, columnRefs, indexColumnNames, nameAddition } from './implicit-names.js';
import { identityOf } from './schema-index.js';
import { strings, type DdlContext, type NodeOf, type Qualified } from './ddl-context.js';
import { objectKey, childKey } from '../model/keys.js';

/** Tables, their columns and constraints, and indexes: what CREATE TABLE, ALTER TABLE and CREATE INDEX touch. */

type ColumnDef = NodeOf<'ColumnDef'>;
type Constraint = NodeOf<'Constraint'>;
type AlterTableCmd = NodeOf<'AlterTableCmd'>;

const SERIAL_TYPES = new Set(['serial', 'serial4', 'bigserial', 'serial8', 'smallserial', 'serial2']);
const CONSTRAINT_TYPES: Partial<Record<string, string>> = {
  CONSTR_PRIMARY: 'primary_key',
  CONSTR_UNIQUE: 'unique',
  CONSTR_FOREIGN: 'foreign_key',
  CONSTR_CHECK: 'check',
  CONSTR_EXCLUSION: 'exclusion',
};

/** ALTER TABLE … ALTER COLUMN subcommands and the column attribute each sets. */
const COLUMN_ALTERS: Partial<Record<string, readonly string[]>> = {
  AT_ColumnDefault: ['default'],
  // Findings name it `nullable`, the model `notNull`.
  AT_SetNotNull: ['notNull', 'nullable'],
  AT_DropNotNull: ['notNull', 'nullable'],
  AT_AlterColumnType: ['type', 'collation'],
  AT_AddIdentity: ['identity'],
  AT_SetIdentity: ['identity'],
  AT_DropIdentity: ['identity'],
  AT_SetExpression: ['generated', 'generatedStorage'],
  AT_DropExpression: ['generated', 'generatedStorage'],
  AT_SetStorage: ['storage'],
  AT_SetCompression: ['compression'],
  AT_SetStatistics: ['statisticsTarget'],
  AT_SetOptions: ['options'],
  AT_ResetOptions: ['options'],
  AT_AlterColumnGenericOptions: ['foreignOptions'],
};

const TABLE_ALTERS: Partial<Record<string, readonly string[]>> = {
  AT_EnableRowSecurity: ['rowSecurity'],
  AT_DisableRowSecurity: ['rowSecurity'],
  AT_ForceRowSecurity: ['forceRowSecurity'],
  AT_NoForceRowSecurity: ['forceRowSecurity'],
  AT_SetLogged: ['persistence'],
  AT_SetUnLogged: ['persistence'],
  AT_AddInherit: ['inherits'],
  AT_DropInherit: ['inherits'],
  AT_ReplicaIdentity: ['replicaIdentity'],
  AT_SetRelOptions: ['storageParameters'],
  AT_ResetRelOptions: ['storageParameters'],
  AT_ReplaceRelOptions: ['storageParameters'],
  AT_ClusterOn: ['clusterOn'],
  AT_DropCluster: ['clusterOn'],
  AT_SetAccessMethod: ['accessMethod'],
  AT_GenericOptions: ['foreignOptions'],
  AT_AddOf: ['ofType'],
  AT_DropOf: ['ofType'],
};

export function createTable(w: DdlContext, stmt: NodeOf<'CreateStmt'>): void {
  const table = w.forCreate(stmt.relation?.schemaname, stmt.relation?.relname ?? '');
  const key = objectKey(table.schema, table.name);
  const ifNotExists = stmt.if_not_exists === true;
  w.describe(`CREATE TABLE${ifNotExists ? ' IF NOT EXISTS' : ''} ${key}`, ifNotExists ? { kind: 'table', key } : undefined);
  w.record('table', key, 'create', { location: w.at(stmt.relation?.location) });
  w.index.addRelation(table.schema, table.name);
  const checks: Constraint[] = [];
  const others: Constraint[] = [];
  for (const element of stmt.tableElts ?? []) {
    if ('ColumnDef' in element) {
      const column = element.ColumnDef;
      addColumn(w, table, column);
      for (const c of column.constraints ?? []) {
        if ('Constraint' in c) (c.Constraint.contype === 'CONSTR_CHECK' ? checks : others).push(columnConstraint(c.Constraint, column.colname ?? ''));
      }
    } else if ('Constraint' in element) {
      (element.Constraint.contype === 'CONSTR_CHECK' ? checks : others).push(element.Constraint);
    }
  }
  // The server names CHECK constraints while creating the table, then builds the key indexes, then foreign keys.
  for (const c of checks) addConstraint(w, table, c);
  for (const c of others.filter((o) => o.contype !== 'CONSTR_FOREIGN')) addConstraint(w, table, c);
  for (const c of others.filter((o) => o.contype === 'CONSTR_FOREIGN')) addConstraint(w, table, c);
}

function addColumn(w: DdlContext, table: Qualified, column: ColumnDef): void {
  const name = column.colname ?? '';
  w.record('column', objectKey(table.schema, table.name, name), 'create', { location: w.at(column.location) });
  const typeName = strings(column.typeName?.names).at(-1) ?? '';
  const identity = column.identity || (column.constraints ?? []).some((c) => 'Constraint' in c && c.Constraint.contype === 'CONSTR_IDENTITY');
  if (SERIAL_TYPES.has(typeName) || identity) addOwnedSequence(w, table, name, column.location);
}

function addOwnedSequence(w: DdlContext, table: Qualified, column: string, location: number | undefined): void {
  const name = chooseName(table.name, column, 'seq', (n) => w.index.hasRelation(table.schema, n));
  w.index.addRelation(table.schema, name);
  w.record('sequence', objectKey(table.schema, name), 'create', { location: w.at(location), implicitName: true });
}

function addConstraint(w: DdlContext, table: Qualified, c: Constraint): void {
  const type = CONSTRAINT_TYPES[c.contype ?? ''];
  if (type === undefined) return;
  const columns = constraintColumns(c);
  const tableKey = objectKey(table.schema, table.name);
  const name = c.conname ?? constraintName(w, table, c, columns);
  const touch = {
    location: w.at(c.location),
    identity: identityOf(type, table.schema, table.name, columns),
    ...(c.conname ? {} : { implicitName: true }),
  };
  w.record('constraint', childKey(tableKey, name), 'create', touch);
  w.index.addConstraint(table.schema, name);
  if (type === 'primary_key' || type === 'unique' || type === 'exclusion') {
    w.index.addIndex(table.schema, table.name, name);
    w.record('index', childKey(tableKey, name), 'create', { ...touch, identity: identityOf('index', table.schema, table.name, columns) });
  }
}

/** PostgreSQL's name for an unnamed constraint (ChooseConstraintName / ChooseIndexName). */
function constraintName(w: DdlContext, table: Qualified, c: Constraint, columns: readonly string[]): string {
  const relationTaken = (n: string): boolean => w.index.hasRelation(table.schema, n) || w.index.hasConstraint(table.schema, n);
  const constraintTaken = (n: string): boolean => w.index.hasConstraint(table.schema, n);
  switch (c.contype) {
    case 'CONSTR_PRIMARY':
      return chooseName(table.name, undefined, 'pkey', relationTaken);
    case 'CONSTR_UNIQUE':
      return chooseName(table.name, nameAddition([...columns, ...strings(c.including)]), 'key', relationTaken);
    case 'CONSTR_EXCLUSION':
      return chooseName(table.name, nameAddition(columns), 'excl', relationTaken);
    case 'CONSTR_FOREIGN':
      return chooseName(table.name, nameAddition(columns), 'fkey', constraintTaken);
    default:
      return chooseName(table.name, checkConstraintColumn(c.raw_expr), 'check', constraintTaken);
  }
}

export function alterTable(w: DdlContext, stmt: NodeOf<'AlterTableStmt'>): void {
  const objtype = stmt.objtype ?? 'OBJECT_TABLE';
  if (objtype !== 'OBJECT_TABLE' && objtype !== 'OBJECT_FOREIGN_TABLE') return;
  const table = w.relation(stmt.relation);
  const tableKey = objectKey(table.schema, table.name);
  for (const node of stmt.cmds ?? []) {
    if ('AlterTableCmd' in node) alterTableCmd(w, table, tableKey, node.AlterTableCmd);
  }
}

function alterTableCmd(w: DdlContext, table: Qualified, tableKey: string, cmd: AlterTableCmd): void {
  const subtype = cmd.subtype ?? '';
  const def = cmd.def;
  if (subtype === 'AT_AddColumn' && def && 'ColumnDef' in def) {
    const column = def.ColumnDef;
    const columnKey = childKey(tableKey, column.colname ?? '');
    const ifNotExists = cmd.missing_ok === true;
    w.describe(
      `ALTER TABLE ${tableKey} ADD COLUMN${ifNotExists ? ' IF NOT EXISTS' : ''} ${column.colname ?? ''}`,
      ifNotExists ? { kind: 'column', key: columnKey } : undefined,
    );
    addColumn(w, table, column);
    w.record('table', tableKey, 'alter', { attributes: ['columnOrder'] });
    for (const c of column.constraints ?? []) if ('Constraint' in c) addConstraint(w, table, columnConstraint(c.Constraint, column.colname ?? ''));
    return;
  }
  if (subtype === 'AT_AddConstraint' && def && 'Constraint' in def) {
    w.describe(`ALTER TABLE ${tableKey} ADD ${def.Constraint.conname ? `CONSTRAINT ${def.Constraint.conname}` : constraintWords(def.Constraint)}`);
    addConstraint(w, table, def.Constraint);
    return;
  }
  const columnAttributes = COLUMN_ALTERS[subtype];
  if (columnAttributes && cmd.name) {
    w.describe(`ALTER TABLE ${tableKey} ALTER COLUMN ${cmd.name}`);
    w.record('column', childKey(tableKey, cmd.name), 'alter', { attributes: columnAttributes });
    if (subtype === 'AT_AddIdentity') addOwnedSequence(w, table, cmd.name, undefined);
    return;
  }
  if (subtype === 'AT_DropColumn' && cmd.name) {
    w.describe(`ALTER TABLE ${tableKey} DROP COLUMN ${cmd.name}`);
    w.record('column', childKey(tableKey, cmd.name), 'drop');
    w.record('table', tableKey, 'alter', { attributes: ['columnOrder'] });
    return;
  }
  if (subtype === 'AT_DropConstraint' && cmd.name) {
    w.describe(`ALTER TABLE ${tableKey} DROP CONSTRAINT ${cmd.name}`);
    w.record('constraint', childKey(tableKey, cmd.name), 'drop');
    w.index.dropConstraint(table.schema, cmd.name);
    if (w.index.tableOfIndex(table.schema, cmd.name) === table.name) {
      w.record('index', childKey(tableKey, cmd.name), 'drop');
      w.index.dropIndex(table.schema, cmd.name);
    }
    return;
  }
  if (subtype === 'AT_ValidateConstraint' && cmd.name) {
    w.describe(`ALTER TABLE ${tableKey} VALIDATE CONSTRAINT ${cmd.name}`);
    w.record('constraint', childKey(tableKey, cmd.name), 'alter', { attributes: ['validated'] });
    return;
  }
  if (subtype === 'AT_AlterConstraint' && def && 'ATAlterConstraint' in def) {
    const name = def.ATAlterConstraint.conname ?? '';
    w.describe(`ALTER TABLE ${tableKey} ALTER CONSTRAINT ${name}`);
    w.record('constraint', childKey(tableKey, name), 'alter', { attributes: ['deferrable', 'initiallyDeferred'] });
    return;
  }
  if (subtype === 'AT_AddIndexConstraint' && def && 'IndexStmt' in def) {
    const name = def.IndexStmt.idxname ?? '';
    w.describe(`ALTER TABLE ${tableKey} ADD CONSTRAINT ${name} USING INDEX`);
    w.record('constraint', childKey(tableKey, name), 'create');
    w.index.addConstraint(table.schema, name);
    return;
  }
  if (/^AT_(Enable|Disable)(Always|Replica)?Trig$/.test(subtype) && cmd.name) {
    w.describe(`ALTER TABLE ${tableKey} ${subtype.includes('Disable') ? 'DISABLE' : 'ENABLE'} TRIGGER ${cmd.name}`);
    w.record('trigger', childKey(tableKey, cmd.name), 'alter', { attributes: ['enabled'] });
    return;
  }
  if (/^AT_(Enable|Disable)(Always|Replica)?Rule$/.test(subtype) && cmd.name) {
    w.describe(`ALTER TABLE ${tableKey} ${subtype.includes('Disable') ? 'DISABLE' : 'ENABLE'} RULE ${cmd.name}`);
    w.record('rule', childKey(tableKey, cmd.name), 'alter', { attributes: ['enabled'] });
    return;
  }
  if ((subtype === 'AT_AttachPartition' || subtype === 'AT_DetachPartition') && def && 'PartitionCmd' in def) {
    const child = w.relation(def.PartitionCmd.name);
    w.describe(`ALTER TABLE ${tableKey} ${subtype === 'AT_AttachPartition' ? 'ATTACH' : 'DETACH'} PARTITION ${objectKey(child.schema, child.name)}`);
    w.record('table', objectKey(child.schema, child.name), 'alter', { attributes: ['partitionOf', 'partitionBound'] });
    return;
  }
  const tableAttributes = TABLE_ALTERS[subtype];
  w.describe(`ALTER TABLE ${tableKey}`);
  w.record('table', tableKey, 'alter', tableAttributes ? { attributes: tableAttributes } : {});
}

export function createIndex(w: DdlContext, stmt: NodeOf<'IndexStmt'>): void {
  const table = w.relation(stmt.relation);
  const tableKey = objectKey(table.schema, table.name);
  const params = [...(stmt.indexParams ?? []), ...(stmt.indexIncludingParams ?? [])];
  const label = stmt.primary ? 'pkey' : stmt.excludeOpNames?.length ? 'excl' : stmt.isconstraint ? 'key' : 'idx';
  const taken = (n: string): boolean => w.index.hasRelation(table.schema, n) || (stmt.isconstraint === true && w.index.hasConstraint(table.schema, n));
  const name = stmt.idxname ?? chooseName(table.name, stmt.primary ? undefined : nameAddition(indexColumnNames(params)), label, taken);
  const key = childKey(tableKey, name);
  const ifNotExists = stmt.if_not_exists === true;
  w.describe(
    `CREATE ${stmt.unique ? 'UNIQUE ' : ''}INDEX${stmt.concurrent ? ' CONCURRENTLY' : ''}${ifNotExists ? ' IF NOT EXISTS' : ''} ${name} ON ${tableKey}`,
    ifNotExists ? { kind: 'index', key } : undefined,
  );
  const columns = (stmt.indexParams ?? []).map((p) => ('IndexElem' in p && p.IndexElem.name) || '?');
  w.record('index', key, 'create', {
    identity: identityOf('index', table.schema, table.name, columns),
    ...(stmt.idxname ? {} : { implicitName: true }),
  });
  w.index.addIndex(table.schema, table.name, name);
}

/** A column constraint, as the table constraint it becomes: `b text REFERENCES u` is `FOREIGN KEY (b)`. */
function columnConstraint(c: Constraint, column: string): Constraint {
  if (c.contype === 'CONSTR_FOREIGN') return { ...c, fk_attrs: [{ String: { sval: column } }] };
  if (c.contype === 'CONSTR_PRIMARY' || c.contype === 'CONSTR_UNIQUE') return { ...c, keys: [{ String: { sval: column } }] };
  return c;
}

function constraintColumns(c: Constraint): string[] {
  if (c.contype === 'CONSTR_FOREIGN') return strings(c.fk_attrs);
  if (c.contype === 'CONSTR_CHECK') return [...new Set(columnRefs(c.raw_expr))].sort();
  if (c.contype === 'CONSTR_EXCLUSION') {
    return (c.exclusions ?? []).flatMap((e) => {
      const element = 'List' in e ? e.List.items?.[0] : undefined;
      return element && 'IndexElem' in element && element.IndexElem.name ? [element.IndexElem.name] : [];
    });
  }
  return strings(c.keys);
}

function constraintWords(c: Constraint): string {
  switch (c.contype) {
    case 'CONSTR_PRIMARY':
      return 'PRIMARY KEY';
    case 'CONSTR_UNIQUE':
      return 'UNIQUE';
    case 'CONSTR_FOREIGN':
      return 'FOREIGN KEY';
    case 'CONSTR_CHECK':
      return 'CHECK';
    default:
      return 'CONSTRAINT';
  }
}
