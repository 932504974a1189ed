import type { Node } from 'libpg-query';
import type { ObjectKind } from '../model/objects.js';
import type { SchemaTouch } from './schema-index.js';
import type { SchemaIndexBuilder } from './schema-index-builder.js';
import type { ScriptLines } from './script-lines.js';

/** The payload of one AST node kind: `NodeOf<'CreateStmt'>`. */
export type NodeOf<K extends string> = Node extends infer N ? (N extends Record<K, infer V> ? V : never) : never;
export type RangeVar = NodeOf<'RangeVar'>;

export interface Qualified {
  readonly schema: string;
  readonly name: string;
}

/** The statement being walked: where it starts and what it is called in messages. */
interface Current {
  readonly line: number;
  readonly summary: string;
  readonly guard?: SchemaTouch['guard'];
}

/**
 * What walking one script's statements needs: name resolution through the script's
 * search_path, as the server would, and recording touches at the right lines.
 */
export class DdlContext {
  searchPath: readonly string[] = ['public'];
  protected current: Current = { line: 1, summary: '' };

  constructor(
    readonly index: SchemaIndexBuilder,
    readonly file: string,
    protected lines: ScriptLines,
    readonly context?: string,
  ) {}

  /** Where an unqualified CREATE puts its object: the first schema of search_path. */
  get creationSchema(): string {
    return this.searchPath[0] ?? 'public';
  }

  forCreate(schema: string | undefined, name: string): Qualified {
    return { schema: schema ?? this.creationSchema, name };
  }

  /** An existing relation: the first schema on the path that has it, as PostgreSQL looks it up. */
  relation(rv: RangeVar | undefined): Qualified {
    const name = rv?.relname ?? '';
    if (rv?.schemaname) return { schema: rv.schemaname, name };
    const found = this.searchPath.find((s) => this.index.hasRelation(s, name));
    return { schema: found ?? this.creationSchema, name };
  }

  typeName(names: readonly Node[] | undefined, creating: boolean): Qualified {
    const parts = strings(names);
    const name = parts.at(-1) ?? '';
    if (parts.length > 1) return { schema: parts.at(-2)!, name };
    if (creating) return this.forCreate(undefined, name);
    return { schema: this.searchPath.find((s) => this.index.hasType(s, name)) ?? this.creationSchema, name };
  }

  record(kind: ObjectKind, key: string, action: SchemaTouch['action'], extra: Partial<SchemaTouch> = {}): void {
    const { location, ...rest } = extra;
    this.index.add({
      kind,
      key,
      action,
      location: location ?? { file: this.file, line: this.current.line },
      statementLine: this.current.line,
      statement: this.current.summary,
      ...(this.current.guard ? { guard: this.current.guard } : {}),
      ...(this.context ? { context: this.context } : {}),
      ...rest,
    });
  }

  /** The location of a clause, by its byte offset; the statement's without one. */
  at(byteOffset: number | undefined): SchemaTouch['location'] {
    return { file: this.file, line: byteOffset === undefined ? this.current.line : this.lines.lineOfByte(byteOffset) };
  }

  /** Name the statement (and the object its IF NOT EXISTS checks for) for the touches that follow. */
  describe(summary: string, guard?: SchemaTouch['guard']): void {
    this.current = { line: this.current.line, summary, ...(guard ? { guard } : {}) };
  }
}

export function words(objectType: string): string {
  return objectType
    .replace(/^OBJECT_/, '')
    .replace('MATVIEW', 'MATERIALIZED VIEW')
    .replace('TABCONSTRAINT', 'CONSTRAINT')
    .replace(/_/g, ' ');
}

export function strings(nodes: readonly Node[] | undefined): string[] {
  return (nodes ?? []).flatMap((n) => ('String' in n ? [n.String.sval ?? ''] : []));
}

export function listItems(node: Node): Node[] {
  if ('List' in node) return node.List.items ?? [];
  if ('TypeName' in node) return node.TypeName.names ?? [];
  return [node];
}

export function constantText(node: Node): string | undefined {
  if ('A_Const' in node) return node.A_Const.sval?.sval ?? (node.A_Const.isnull ? undefined : '');
  if ('String' in node) return node.String.sval;
  return undefined;
}
