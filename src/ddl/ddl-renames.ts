import type { Node } from 'libpg-query';
import type { ObjectKind } from '../model/objects.js';
import { listItems, strings, words, type DdlContext, type NodeOf, type Qualified } from './ddl-context.js';
import { objectKey, quoteIdent } from '../model/keys.js';

/** Renames, drops, comments and SET SCHEMA: every touch already recorded follows the object to its new name. */

export const RELATION_OBJECTS: Readonly<Record<string, ObjectKind>> = {
  OBJECT_TABLE: 'table',
  OBJECT_FOREIGN_TABLE: 'table',
  OBJECT_VIEW: 'view',
  OBJECT_MATVIEW: 'materialized_view',
  OBJECT_SEQUENCE: 'sequence',
};

const TYPE_OBJECTS = new Set(['OBJECT_TYPE', 'OBJECT_DOMAIN']);
const FUNCTION_OBJECTS = new Set(['OBJECT_FUNCTION', 'OBJECT_PROCEDURE', 'OBJECT_ROUTINE', 'OBJECT_AGGREGATE']);

export function rename(w: DdlContext, stmt: NodeOf<'RenameStmt'>): void {
  const type = stmt.renameType ?? '';
  const to = stmt.newname ?? '';
  const relationKind = RELATION_OBJECTS[type];
  if (relationKind) {
    const from = w.relation(stmt.relation);
    w.describe(`ALTER ${words(type)} ${objectKey(from.schema, from.name)} RENAME TO ${to}`);
    w.index.rekey(relationKind, objectKey(from.schema, from.name), objectKey(from.schema, to));
    if (relationKind !== 'sequence') w.index.rekeyTable(from.schema, from.name, from.schema, to);
    w.index.dropRelation(from.schema, from.name);
    w.index.addRelation(from.schema, to);
    w.record(relationKind, objectKey(from.schema, to), 'rename');
    return;
  }
  if (type === 'OBJECT_INDEX') {
    const from = w.relation(stmt.relation);
    const table = w.index.tableOfIndex(from.schema, from.name);
    w.describe(`ALTER INDEX ${objectKey(from.schema, from.name)} RENAME TO ${to}`);
    if (table === undefined) return;
    renameChild(w, 'index', from.schema, table, from.name, to);
    if (w.index.hasConstraint(from.schema, from.name)) renameChild(w, 'constraint', from.schema, table, from.name, to);
    w.index.dropIndex(from.schema, from.name);
    w.index.addIndex(from.schema, table, to);
    return;
  }
  if (type === 'OBJECT_COLUMN' || type === 'OBJECT_TABCONSTRAINT' || type === 'OBJECT_TRIGGER' || type === 'OBJECT_POLICY') {
    const table = w.relation(stmt.relation);
    const from = stmt.subname ?? '';
    const kind: ObjectKind =
      type === 'OBJECT_COLUMN' ? 'column' : type === 'OBJECT_TABCONSTRAINT' ? 'constraint' : type === 'OBJECT_TRIGGER' ? 'trigger' : 'policy';
    w.describe(`ALTER TABLE ${objectKey(table.schema, table.name)} RENAME ${kind === 'column' ? 'COLUMN' : kind.toUpperCase()} ${from} TO ${to}`);
    renameChild(w, kind, table.schema, table.name, from, to);
    if (kind === 'constraint' && w.index.tableOfIndex(table.schema, from) === table.name) {
      renameChild(w, 'index', table.schema, table.name, from, to);
      w.index.dropIndex(table.schema, from);
      w.index.addIndex(table.schema, table.name, to);
    }
    if (kind === 'constraint') {
      w.index.dropConstraint(table.schema, from);
      w.index.addConstraint(table.schema, to);
    }
    return;
  }
  if (TYPE_OBJECTS.has(type) && stmt.object) {
    const from = w.typeName(listItems(stmt.object), false);
    w.describe(`ALTER TYPE ${objectKey(from.schema, from.name)} RENAME TO ${to}`);
    w.index.rekey('type', objectKey(from.schema, from.name), objectKey(from.schema, to));
    w.index.dropType(from.schema, from.name);
    w.index.addType(from.schema, to);
    w.record('type', objectKey(from.schema, to), 'rename');
  }
}

function renameChild(w: DdlContext, kind: ObjectKind, schema: string, table: string, from: string, to: string): void {
  w.index.rekey(kind, objectKey(schema, table, from), objectKey(schema, table, to));
  w.record(kind, objectKey(schema, table, to), 'rename');
}

export function drop(w: DdlContext, stmt: NodeOf<'DropStmt'>): void {
  const type = stmt.removeType ?? '';
  for (const object of stmt.objects ?? []) {
    const relationKind = RELATION_OBJECTS[type];
    if (relationKind) {
      const target = relationFromNames(w, listItems(object));
      w.describe(`DROP ${words(type)} ${objectKey(target.schema, target.name)}`);
      w.record(relationKind, objectKey(target.schema, target.name), 'drop');
      if (relationKind !== 'sequence') w.index.dropTableChildren(target.schema, target.name);
      w.index.dropRelation(target.schema, target.name);
    } else if (type === 'OBJECT_INDEX') {
      const target = relationFromNames(w, listItems(object));
      const table = w.index.tableOfIndex(target.schema, target.name);
      w.describe(`DROP INDEX ${objectKey(target.schema, target.name)}`);
      if (table !== undefined) w.record('index', objectKey(target.schema, table, target.name), 'drop');
      w.index.dropIndex(target.schema, target.name);
    } else if (TYPE_OBJECTS.has(type)) {
      const target = w.typeName('TypeName' in object ? object.TypeName.names : listItems(object), false);
      w.describe(`DROP TYPE ${objectKey(target.schema, target.name)}`);
      w.record('type', objectKey(target.schema, target.name), 'drop');
      w.index.dropType(target.schema, target.name);
    } else if (FUNCTION_OBJECTS.has(type) && 'ObjectWithArgs' in object) {
      const fn = w.typeName(object.ObjectWithArgs.objname, false);
      w.describe(`DROP FUNCTION ${objectKey(fn.schema, fn.name)}`);
      w.record('function', objectKey(fn.schema, fn.name), 'drop');
    } else if (type === 'OBJECT_TRIGGER' || type === 'OBJECT_POLICY') {
      const parts = strings(listItems(object));
      const name = parts.at(-1) ?? '';
      const table = relationFromNames(
        w,
        parts.slice(0, -1).map((sval) => ({ String: { sval } })),
      );
      const kind: ObjectKind = type === 'OBJECT_TRIGGER' ? 'trigger' : 'policy';
      w.describe(`DROP ${kind.toUpperCase()} ${name} ON ${objectKey(table.schema, table.name)}`);
      w.record(kind, objectKey(table.schema, table.name, name), 'drop');
    } else if (type === 'OBJECT_SCHEMA' || type === 'OBJECT_EXTENSION') {
      const name = 'String' in object ? (object.String.sval ?? '') : '';
      const kind: ObjectKind = type === 'OBJECT_SCHEMA' ? 'schema' : 'extension';
      w.describe(`DROP ${kind.toUpperCase()} ${quoteIdent(name)}`);
      w.record(kind, quoteIdent(name), 'drop');
    }
  }
}

function relationFromNames(w: DdlContext, names: readonly Node[] | undefined): Qualified {
  const parts = strings(names);
  const name = parts.at(-1) ?? '';
  return parts.length > 1 ? { schema: parts.at(-2)!, name } : w.relation({ relname: name });
}

export function comment(w: DdlContext, stmt: NodeOf<'CommentStmt'>): void {
  const type = stmt.objtype ?? '';
  const object = stmt.object;
  if (!object) return;
  const parts = strings(listItems(object));
  w.describe(`COMMENT ON ${words(type)}`);
  const relationKind = RELATION_OBJECTS[type];
  if (relationKind) {
    const target = relationFromNames(w, listItems(object));
    w.record(relationKind, objectKey(target.schema, target.name), 'alter', { attributes: ['comment'] });
  } else if (type === 'OBJECT_COLUMN' || type === 'OBJECT_TABCONSTRAINT' || type === 'OBJECT_TRIGGER' || type === 'OBJECT_POLICY') {
    const name = parts.at(-1) ?? '';
    const table = relationFromNames(
      w,
      parts.slice(0, -1).map((sval) => ({ String: { sval } })),
    );
    const kind: ObjectKind =
      type === 'OBJECT_COLUMN' ? 'column' : type === 'OBJECT_TABCONSTRAINT' ? 'constraint' : type === 'OBJECT_TRIGGER' ? 'trigger' : 'policy';
    w.record(kind, objectKey(table.schema, table.name, name), 'alter', { attributes: ['comment'] });
  } else if (type === 'OBJECT_INDEX') {
    const target = relationFromNames(w, listItems(object));
    const table = w.index.tableOfIndex(target.schema, target.name);
    if (table !== undefined) w.record('index', objectKey(target.schema, table, target.name), 'alter', { attributes: ['comment'] });
  } else if (TYPE_OBJECTS.has(type)) {
    const target = w.typeName('TypeName' in object ? object.TypeName.names : listItems(object), false);
    w.record('type', objectKey(target.schema, target.name), 'alter', { attributes: ['comment'] });
  } else if (FUNCTION_OBJECTS.has(type) && 'ObjectWithArgs' in object) {
    const fn = w.typeName(object.ObjectWithArgs.objname, false);
    w.record('function', objectKey(fn.schema, fn.name), 'alter', { attributes: ['comment'] });
  } else if (type === 'OBJECT_SCHEMA' && 'String' in object) {
    w.record('schema', quoteIdent(object.String.sval ?? ''), 'alter', { attributes: ['comment'] });
  }
}

export function setSchema(w: DdlContext, stmt: NodeOf<'AlterObjectSchemaStmt'>): void {
  const kind = RELATION_OBJECTS[stmt.objectType ?? ''];
  if (!kind || !stmt.newschema) return;
  const from = w.relation(stmt.relation);
  const to = stmt.newschema;
  w.describe(`ALTER ${words(stmt.objectType ?? '')} ${objectKey(from.schema, from.name)} SET SCHEMA ${to}`);
  w.index.rekey(kind, objectKey(from.schema, from.name), objectKey(to, from.name));
  if (kind !== 'sequence') w.index.rekeyTable(from.schema, from.name, to, from.name);
  w.index.dropRelation(from.schema, from.name);
  w.index.addRelation(to, from.name);
  w.record(kind, objectKey(to, from.name), 'rename');
}
