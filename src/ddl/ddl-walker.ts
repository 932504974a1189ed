import type { Node } from 'libpg-query';
import type { ObjectKind } from '../model/objects.js';
import { constantText, DdlContext, strings, type NodeOf, type RangeVar } from './ddl-context.js';
import { comment, drop, rename, setSchema } from './ddl-renames.js';
import { walkOtherObject } from './ddl-objects.js';
import { alterTable, createIndex, createTable } from './ddl-tables.js';
import type { ScriptLines } from './script-lines.js';
import { objectKey, childKey, quoteIdent } from '../model/keys.js';

const SEQUENCE_OPTIONS: Partial<Record<string, string>> = {
  as: 'type',
  increment: 'increment',
  minvalue: 'min',
  maxvalue: 'max',
  start: 'start',
  cache: 'cache',
  cycle: 'cycle',
  owned_by: 'ownedBy',
};

/**
 * Records what each statement of one script creates, alters, renames or drops,
 * resolving unqualified names through the script's search_path as the server would.
 */
export class DdlWalker extends DdlContext {
  /**
   * Walk one statement starting at `byteOffset`; `lines` when it was parsed on its own
   * (a statement inside a DO block). Returns where it starts and what it is.
   */
  statement(node: Node, byteOffset: number, lines: ScriptLines = this.lines): { readonly line: number; readonly summary: string } {
    const saved = this.lines;
    this.lines = lines;
    try {
      this.current = { line: lines.tokenLineOfByte(byteOffset), summary: '' };
      this.index.countStatement();
      this.walk(node);
      return { line: this.current.line, summary: this.current.summary };
    } finally {
      this.lines = saved;
    }
  }

  private walk(node: Node): void {
    if ('CreateStmt' in node) return createTable(this, node.CreateStmt);
    if ('AlterTableStmt' in node) return alterTable(this, node.AlterTableStmt);
    if ('IndexStmt' in node) return createIndex(this, node.IndexStmt);
    if ('RenameStmt' in node) return rename(this, node.RenameStmt);
    if ('DropStmt' in node) return drop(this, node.DropStmt);
    if ('ViewStmt' in node) return this.createView(node.ViewStmt);
    if ('CreateTableAsStmt' in node) return this.createTableAs(node.CreateTableAsStmt);
    if ('CreateSeqStmt' in node) return this.createSequence(node.CreateSeqStmt);
    if ('AlterSeqStmt' in node) return this.alterSequence(node.AlterSeqStmt);
    if ('CreateFunctionStmt' in node) return this.createFunction(node.CreateFunctionStmt);
    if ('AlterFunctionStmt' in node) return this.alterFunction(node.AlterFunctionStmt);
    if ('CreateTrigStmt' in node) return this.createTrigger(node.CreateTrigStmt);
    if ('CreatePolicyStmt' in node) return this.policy(node.CreatePolicyStmt, 'create');
    if ('AlterPolicyStmt' in node) return this.policy(node.AlterPolicyStmt, 'alter');
    if ('CreateEnumStmt' in node) return this.createType(node.CreateEnumStmt.typeName, 'CREATE TYPE');
    if ('CreateDomainStmt' in node) return this.createType(node.CreateDomainStmt.domainname, 'CREATE DOMAIN');
    if ('CreateRangeStmt' in node) return this.createType(node.CreateRangeStmt.typeName, 'CREATE TYPE');
    if ('CompositeTypeStmt' in node) return this.createCompositeType(node.CompositeTypeStmt.typevar);
    if ('AlterEnumStmt' in node) return this.alterType(node.AlterEnumStmt.typeName, ['values'], 'ALTER TYPE');
    if ('AlterDomainStmt' in node) return this.alterType(node.AlterDomainStmt.typeName, domainAttributes(node.AlterDomainStmt.subtype), 'ALTER DOMAIN');
    if ('CreateSchemaStmt' in node) return this.createSchema(node.CreateSchemaStmt);
    if ('CreateExtensionStmt' in node) return this.createExtension(node.CreateExtensionStmt);
    if ('AlterExtensionStmt' in node) return this.alterExtension(node.AlterExtensionStmt.extname);
    if ('CommentStmt' in node) return comment(this, node.CommentStmt);
    if ('AlterObjectSchemaStmt' in node) return setSchema(this, node.AlterObjectSchemaStmt);
    if ('VariableSetStmt' in node) return this.setVariable(node.VariableSetStmt);
    if ('SelectStmt' in node) return this.selectSetConfig(node.SelectStmt);
    walkOtherObject(this, node);
  }

  private createView(stmt: NodeOf<'ViewStmt'>): void {
    const view = this.forCreate(stmt.view?.schemaname, stmt.view?.relname ?? '');
    this.describe(`CREATE ${stmt.replace ? 'OR REPLACE ' : ''}VIEW ${objectKey(view.schema, view.name)}`);
    this.record('view', objectKey(view.schema, view.name), 'create', { location: this.at(stmt.view?.location) });
    this.index.addRelation(view.schema, view.name);
  }

  private createTableAs(stmt: NodeOf<'CreateTableAsStmt'>): void {
    const rel = stmt.into?.rel;
    const target = this.forCreate(rel?.schemaname, rel?.relname ?? '');
    const key = objectKey(target.schema, target.name);
    const kind: ObjectKind = stmt.objtype === 'OBJECT_MATVIEW' ? 'materialized_view' : 'table';
    const ifNotExists = stmt.if_not_exists === true;
    this.describe(
      `CREATE ${kind === 'table' ? 'TABLE' : 'MATERIALIZED VIEW'}${ifNotExists ? ' IF NOT EXISTS' : ''} ${key} AS`,
      ifNotExists ? { kind, key } : undefined,
    );
    this.record(kind, key, 'create', { location: this.at(rel?.location) });
    this.index.addRelation(target.schema, target.name);
    for (const column of strings(stmt.into?.colNames)) this.record('column', childKey(key, column), 'create');
  }

  private createSequence(stmt: NodeOf<'CreateSeqStmt'>): void {
    const seq = this.forCreate(stmt.sequence?.schemaname, stmt.sequence?.relname ?? '');
    const key = objectKey(seq.schema, seq.name);
    const ifNotExists = stmt.if_not_exists === true;
    this.describe(`CREATE SEQUENCE${ifNotExists ? ' IF NOT EXISTS' : ''} ${key}`, ifNotExists ? { kind: 'sequence', key } : undefined);
    this.record('sequence', key, 'create', { location: this.at(stmt.sequence?.location) });
    this.index.addRelation(seq.schema, seq.name);
  }

  private alterSequence(stmt: NodeOf<'AlterSeqStmt'>): void {
    const seq = this.relation(stmt.sequence);
    const attributes = (stmt.options ?? []).flatMap((o) => ('DefElem' in o ? [SEQUENCE_OPTIONS[o.DefElem.defname ?? '']] : [])).filter((a) => a !== undefined);
    this.describe(`ALTER SEQUENCE ${objectKey(seq.schema, seq.name)}`);
    this.record('sequence', objectKey(seq.schema, seq.name), 'alter', { attributes });
  }

  private createFunction(stmt: NodeOf<'CreateFunctionStmt'>): void {
    const fn = this.typeName(stmt.funcname, true);
    const key = objectKey(fn.schema, fn.name);
    this.describe(`CREATE ${stmt.replace ? 'OR REPLACE ' : ''}${stmt.is_procedure ? 'PROCEDURE' : 'FUNCTION'} ${key}`);
    this.record('function', key, 'create');
  }

  private alterFunction(stmt: NodeOf<'AlterFunctionStmt'>): void {
    const fn = this.typeName(stmt.func?.objname, false);
    this.describe(`ALTER FUNCTION ${objectKey(fn.schema, fn.name)}`);
    this.record('function', objectKey(fn.schema, fn.name), 'alter', { attributes: ['volatility', 'strict', 'securityDefiner', 'parallel', 'config'] });
  }

  private createTrigger(stmt: NodeOf<'CreateTrigStmt'>): void {
    const table = this.relation(stmt.relation);
    const key = objectKey(table.schema, table.name, stmt.trigname ?? '');
    this.describe(`CREATE ${stmt.replace ? 'OR REPLACE ' : ''}TRIGGER ${stmt.trigname ?? ''} ON ${objectKey(table.schema, table.name)}`);
    this.record('trigger', key, 'create');
  }

  private policy(stmt: NodeOf<'CreatePolicyStmt'> | NodeOf<'AlterPolicyStmt'>, action: 'create' | 'alter'): void {
    const table = this.relation(stmt.table);
    this.describe(`${action === 'create' ? 'CREATE' : 'ALTER'} POLICY ${stmt.policy_name ?? ''} ON ${objectKey(table.schema, table.name)}`);
    const key = objectKey(table.schema, table.name, stmt.policy_name ?? '');
    this.record('policy', key, action, action === 'alter' ? { attributes: ['roles', 'using', 'withCheck'] } : {});
  }

  private createType(names: readonly Node[] | undefined, words: string): void {
    const type = this.typeName(names, true);
    this.describe(`${words} ${objectKey(type.schema, type.name)}`);
    this.record('type', objectKey(type.schema, type.name), 'create');
    this.index.addType(type.schema, type.name);
  }

  private createCompositeType(rv: RangeVar | undefined): void {
    const type = this.forCreate(rv?.schemaname, rv?.relname ?? '');
    this.describe(`CREATE TYPE ${objectKey(type.schema, type.name)}`);
    this.record('type', objectKey(type.schema, type.name), 'create', { location: this.at(rv?.location) });
    this.index.addType(type.schema, type.name);
    this.index.addRelation(type.schema, type.name);
  }

  private alterType(names: readonly Node[] | undefined, attributes: readonly string[], words: string): void {
    const type = this.typeName(names, false);
    this.describe(`${words} ${objectKey(type.schema, type.name)}`);
    this.record('type', objectKey(type.schema, type.name), 'alter', { attributes });
  }

  private createSchema(stmt: NodeOf<'CreateSchemaStmt'>): void {
    const name = stmt.schemaname ?? '';
    const ifNotExists = stmt.if_not_exists === true;
    this.describe(`CREATE SCHEMA${ifNotExists ? ' IF NOT EXISTS' : ''} ${name}`, ifNotExists ? { kind: 'schema', key: quoteIdent(name) } : undefined);
    this.record('schema', quoteIdent(name), 'create');
    const saved = this.searchPath;
    this.searchPath = [name];
    for (const element of stmt.schemaElts ?? []) this.walk(element);
    this.searchPath = saved;
  }

  private createExtension(stmt: NodeOf<'CreateExtensionStmt'>): void {
    const name = stmt.extname ?? '';
    const ifNotExists = stmt.if_not_exists === true;
    this.describe(`CREATE EXTENSION${ifNotExists ? ' IF NOT EXISTS' : ''} ${name}`, ifNotExists ? { kind: 'extension', key: quoteIdent(name) } : undefined);
    this.record('extension', quoteIdent(name), 'create');
  }

  private alterExtension(name: string | undefined): void {
    this.describe(`ALTER EXTENSION ${name ?? ''}`);
    this.record('extension', quoteIdent(name ?? ''), 'alter', { attributes: ['version'] });
  }

  private setVariable(stmt: NodeOf<'VariableSetStmt'>): void {
    if (stmt.name?.toLowerCase() !== 'search_path') return;
    if (stmt.kind === 'VAR_RESET' || stmt.kind === 'VAR_SET_DEFAULT') this.searchPath = ['public'];
    else if (stmt.kind === 'VAR_SET_VALUE') this.setSearchPath((stmt.args ?? []).map(constantText).join(','));
  }

  /** pg_dump's `SELECT pg_catalog.set_config('search_path', '', false)`. */
  private selectSetConfig(stmt: NodeOf<'SelectStmt'>): void {
    for (const target of stmt.targetList ?? []) {
      const value = 'ResTarget' in target ? target.ResTarget.val : undefined;
      if (!value || !('FuncCall' in value)) continue;
      const fn = strings(value.FuncCall.funcname).at(-1);
      const [name, setting] = (value.FuncCall.args ?? []).map(constantText);
      if (fn === 'set_config' && name === 'search_path' && setting !== undefined) this.setSearchPath(setting);
    }
  }

  private setSearchPath(value: string): void {
    const schemas = value
      .split(',')
      .map((s) => s.trim().replace(/^"(.*)"$/, '$1'))
      .filter((s) => s !== '' && s !== '$user' && s !== 'pg_catalog' && s !== 'pg_temp');
    this.searchPath = schemas.length > 0 ? schemas : ['public'];
  }
}

function domainAttributes(subtype: string | undefined): readonly string[] {
  if (subtype === 'T') return ['default'];
  if (subtype === 'N' || subtype === 'O') return ['notNull'];
  return ['checks'];
}
