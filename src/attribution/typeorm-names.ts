import { createHash } from 'node:crypto';

/** A constraint or index name an ORM generates, and where (index in the source) the declaration behind it is. */
export interface GeneratedName {
  readonly name: string;
  readonly index: number;
}

/** One property of an entity with its decorators: `@ManyToOne(() => Venue) @JoinColumn({ name: 'venue_id' }) venue!: Venue`. */
interface Member {
  readonly property: string;
  readonly decorators: readonly { readonly name: string; readonly args: string; readonly index: number }[];
}

const DECORATOR = /@(\w+)\s*\(((?:[^()]|\((?:[^()]|\([^()]*\))*\))*)\)/y;
const PROPERTY = /(?:(?:public|private|protected|readonly|declare|override)\s+)*([\w$]+)[!?]?\s*[:;=]/y;

/**
 * The names TypeORM's DefaultNamingStrategy gives what an entity declares: the first 27 (PK_,
 * FK_, UQ_) or 26 (REL_, IDX_) hex digits of the sha1 of `<table>_<columns sorted, joined by _>`.
 * `source` is the entity from its `@Entity` on; `offset` is where that is in the file.
 */
export function typeormNames(table: string, source: string, offset: number): GeneratedName[] {
  const members = entityMembers(source);
  const columnOf = (property: string): string => {
    const member = members.find((m) => m.property === property);
    const options = member?.decorators.find((d) => /Column$/.test(d.name))?.args ?? '';
    return /\bname\s*:\s*['"`]([^'"`]+)['"`]/.exec(options)?.[1] ?? property;
  };
  const names: GeneratedName[] = [];
  const add = (prefix: string, length: number, columns: readonly string[], index: number): void => {
    names.push({ name: prefix + sha1(`${table}_${[...columns].sort().join('_')}`).slice(0, length), index: offset + index });
  };
  const primary = members.filter((m) => m.decorators.some((d) => /^Primary(Generated)?Column$/.test(d.name)));
  if (primary.length > 0)
    add(
      'PK_',
      27,
      primary.map((m) => columnOf(m.property)),
      primary[0]!.decorators[0]!.index,
    );
  for (const member of members) {
    const relation = member.decorators.find((d) => d.name === 'ManyToOne' || d.name === 'OneToOne');
    const join = member.decorators.find((d) => d.name === 'JoinColumn');
    if (relation && (relation.name === 'ManyToOne' || join)) {
      const named = join && /\bname\s*:\s*['"`]([^'"`]+)['"`]/.exec(join.args)?.[1];
      const referenced = (join && /\breferencedColumnName\s*:\s*['"`]([^'"`]+)['"`]/.exec(join.args)?.[1]) ?? 'id';
      const column = named ?? camelCase(`${member.property}_${referenced}`);
      add('FK_', 27, [column], relation.index);
      if (relation.name === 'OneToOne') add('REL_', 26, [column], relation.index);
    }
    const index = member.decorators.find((d) => d.name === 'Index');
    // `@Index('explicit_name')` is named in the source already.
    if (index && !/^\s*['"`]/.test(index.args)) add('IDX_', 26, [columnOf(member.property)], index.index);
    const column = member.decorators.find((d) => /Column$/.test(d.name));
    if (column && /\bunique\s*:\s*true\b/.test(column.args)) add('UQ_', 27, [columnOf(member.property)], column.index);
  }
  // Class-level @Index(['a', 'b']) / @Unique(['a', 'b']): property names, as TypeORM takes them.
  const head = source.slice(0, Math.max(0, source.search(/\bclass\s/)));
  for (const m of head.matchAll(/@(Index|Unique)\s*\(\s*\[([^\]]*)\]/g)) {
    const properties = [...m[2]!.matchAll(/['"`]([^'"`]+)['"`]/g)].map((p) => p[1]!);
    add(m[1] === 'Index' ? 'IDX_' : 'UQ_', m[1] === 'Index' ? 26 : 27, properties.map(columnOf), m.index);
  }
  return names;
}

/** The decorated properties of the class body. */
function entityMembers(source: string): Member[] {
  const open = source.indexOf('{', Math.max(0, source.search(/\bclass\s/)));
  const members: Member[] = [];
  let decorators: { name: string; args: string; index: number }[] = [];
  for (let at = open + 1; at < source.length; ) {
    const space = /\s+/y;
    space.lastIndex = at;
    if (space.exec(source)) at = space.lastIndex;
    DECORATOR.lastIndex = at;
    const decorator = DECORATOR.exec(source);
    if (decorator) {
      decorators.push({ name: decorator[1]!, args: decorator[2]!, index: at });
      at = DECORATOR.lastIndex;
      continue;
    }
    PROPERTY.lastIndex = at;
    const property = decorators.length > 0 ? PROPERTY.exec(source) : null;
    if (property) members.push({ property: property[1]!, decorators });
    decorators = [];
    const lineEnd = source.indexOf('\n', at);
    if (lineEnd === -1) break;
    at = lineEnd + 1;
  }
  return members;
}

/** TypeORM's camelCase: `keg_id` → `kegId`. */
function camelCase(text: string): string {
  return text.replace(/^([A-Z])|[\s\-_](\w)/g, (_, first: string | undefined, next: string | undefined) => (next ? next.toUpperCase() : first!.toLowerCase()));
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
