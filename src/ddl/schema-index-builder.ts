import type { ObjectKind } from '../model/objects.js';
import { objectKey } from '../model/keys.js';
import { touchKey, type SchemaIndex, type SchemaTouch, type SkippedFile } from './schema-index.js';

/** Kinds whose key is `schema.table.name`: they follow their table through a rename. */
const TABLE_CHILDREN: readonly ObjectKind[] = ['column', 'constraint', 'index', 'trigger', 'policy'];

/**
 * Collects touches in statement order and keeps the names PostgreSQL would check when it
 * generates one (relations and constraints per schema), so `t_a_key1` comes out where
 * `t_a_key` is taken, as on the server.
 */
export class SchemaIndexBuilder {
  private readonly touches = new Map<string, SchemaTouch[]>();
  /** `schema.name` of tables, views, indexes, sequences: one namespace in pg_class. */
  private readonly relations = new Set<string>();
  private readonly types = new Set<string>();
  /** `schema.name`: generated constraint names must be unique per schema. */
  private readonly constraints = new Set<string>();
  /** `schema.index` → the index and its table: DROP INDEX and ALTER INDEX name no table. */
  private readonly indexTables = new Map<string, { readonly schema: string; readonly name: string; readonly table: string }>();
  private readonly skippedFiles: SkippedFile[] = [];
  private statements = 0;

  add(touch: SchemaTouch): void {
    const k = touchKey(touch.kind, touch.key);
    const list = this.touches.get(k);
    if (list) list.push(touch);
    else this.touches.set(k, [touch]);
  }

  countStatement(): void {
    this.statements++;
  }

  skip(file: string, reason: string): void {
    this.skippedFiles.push({ file, reason });
  }

  hasRelation(schema: string, name: string): boolean {
    return this.relations.has(objectKey(schema, name));
  }

  hasType(schema: string, name: string): boolean {
    return this.types.has(objectKey(schema, name));
  }

  addRelation(schema: string, name: string): void {
    this.relations.add(objectKey(schema, name));
  }

  addType(schema: string, name: string): void {
    this.types.add(objectKey(schema, name));
  }

  dropRelation(schema: string, name: string): void {
    this.relations.delete(objectKey(schema, name));
  }

  dropType(schema: string, name: string): void {
    this.types.delete(objectKey(schema, name));
  }

  hasConstraint(schema: string, name: string): boolean {
    return this.constraints.has(objectKey(schema, name));
  }

  addConstraint(schema: string, name: string): void {
    this.constraints.add(objectKey(schema, name));
  }

  dropConstraint(schema: string, name: string): void {
    this.constraints.delete(objectKey(schema, name));
  }

  addIndex(schema: string, table: string, name: string): void {
    this.addRelation(schema, name);
    this.indexTables.set(objectKey(schema, name), { schema, name, table });
  }

  tableOfIndex(schema: string, name: string): string | undefined {
    return this.indexTables.get(objectKey(schema, name))?.table;
  }

  dropIndex(schema: string, name: string): void {
    this.dropRelation(schema, name);
    this.indexTables.delete(objectKey(schema, name));
  }

  /** A dropped table takes its columns, constraints, indexes, triggers and policies with it. */
  dropTableChildren(schema: string, table: string): void {
    const prefix = `${objectKey(schema, table)}.`;
    for (const kind of TABLE_CHILDREN) {
      for (const k of [...this.touches.keys()]) {
        if (k.startsWith(`${kind}\u0000${prefix}`)) this.touches.delete(k);
      }
    }
    for (const [index, { schema: indexSchema, name, table: owner }] of [...this.indexTables]) {
      if (owner === table && indexSchema === schema) {
        this.dropRelation(schema, name);
        this.indexTables.delete(index);
      }
    }
  }

  /** Everything known under one key now goes by another (ALTER … RENAME, SET SCHEMA). */
  rekey(kind: ObjectKind, from: string, to: string): void {
    const list = this.touches.get(touchKey(kind, from));
    if (!list) return;
    this.touches.delete(touchKey(kind, from));
    const moved = list.map((t) => ({ ...t, key: to }));
    this.touches.set(touchKey(kind, to), [...moved, ...(this.touches.get(touchKey(kind, to)) ?? [])]);
  }

  /** A renamed (or moved) table: its children's keys and identities follow it. */
  rekeyTable(schema: string, table: string, newSchema: string, newTable: string): void {
    const prefix = `${objectKey(schema, table)}.`;
    const newPrefix = `${objectKey(newSchema, newTable)}.`;
    const identityFrom = ` ${objectKey(schema, table)} (`;
    const identityTo = ` ${objectKey(newSchema, newTable)} (`;
    for (const kind of TABLE_CHILDREN) {
      for (const [k, list] of [...this.touches]) {
        if (!k.startsWith(`${kind}\u0000${prefix}`)) continue;
        this.touches.delete(k);
        const key = newPrefix + list[0]!.key.slice(prefix.length);
        const moved = list.map((t) => ({ ...t, key, ...(t.identity ? { identity: t.identity.replace(identityFrom, identityTo) } : {}) }));
        this.touches.set(touchKey(kind, key), moved);
      }
    }
    for (const [index, { schema: indexSchema, name, table: owner }] of [...this.indexTables]) {
      if (owner === table && indexSchema === schema) {
        this.indexTables.delete(index);
        this.indexTables.set(objectKey(newSchema, name), { schema: newSchema, name, table: newTable });
      }
    }
  }

  build(): SchemaIndex {
    const identities = new Map<string, SchemaTouch[]>();
    for (const list of this.touches.values()) {
      for (const t of list) {
        if (t.identity === undefined || t.action !== 'create') continue;
        const list = identities.get(t.identity);
        if (list) list.push(t);
        else identities.set(t.identity, [t]);
      }
    }
    return { touches: this.touches, identities, statementCount: this.statements, skipped: [...this.skippedFiles] };
  }
}
