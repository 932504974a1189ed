import type { Node } from 'libpg-query';
import type { ObjectKind } from '../model/objects.js';
import { strings, type DdlContext } from './ddl-context.js';

/**
 * What pg_dump writes beyond tables, types and functions: rules, extended statistics, text
 * search, conversions, access methods, foreign data, publications and event triggers. Operators, operator
 * classes and casts are keyed by argument types as the server prints them, which a statement
 * does not spell the same way: their findings are left without a migration location.
 */
export function walkOtherObject(w: DdlContext, node: Node): void {
  const touch = (kind: ObjectKind, key: string, summary: string, attributes?: readonly string[]): void => {
    w.describe(summary);
    w.record(kind, key, attributes ? 'alter' : 'create', attributes ? { attributes } : {});
  };
  if ('RuleStmt' in node) {
    const stmt = node.RuleStmt;
    const table = w.relation(stmt.relation);
    const key = `${table.schema}.${table.name}.${stmt.rulename ?? ''}`;
    return touch('rule', key, `CREATE ${stmt.replace ? 'OR REPLACE ' : ''}RULE ${stmt.rulename ?? ''} ON ${table.schema}.${table.name}`);
  }
  if ('CreateStatsStmt' in node) {
    const name = w.typeName(node.CreateStatsStmt.defnames, true);
    return touch('statistics', `${name.schema}.${name.name}`, `CREATE STATISTICS ${name.schema}.${name.name}`);
  }
  if ('AlterStatsStmt' in node) {
    const name = qualified(w, node.AlterStatsStmt.defnames);
    return touch('statistics', name, `ALTER STATISTICS ${name}`, ['statisticsTarget']);
  }
  const textSearch = 'DefineStmt' in node ? TEXT_SEARCH_KINDS[node.DefineStmt.kind ?? ''] : undefined;
  if (textSearch && 'DefineStmt' in node) {
    const name = w.typeName(node.DefineStmt.defnames, true);
    const key = `${name.schema}.${name.name}`;
    return touch(textSearch, key, `CREATE ${textSearch.replace(/_/g, ' ').toUpperCase()} ${key}`);
  }
  if ('CreateConversionStmt' in node) {
    const name = w.typeName(node.CreateConversionStmt.conversion_name, true);
    return touch('conversion', `${name.schema}.${name.name}`, `CREATE CONVERSION ${name.schema}.${name.name}`);
  }
  if ('AlterTSDictionaryStmt' in node) {
    const name = qualified(w, node.AlterTSDictionaryStmt.dictname);
    return touch('text_search_dictionary', name, `ALTER TEXT SEARCH DICTIONARY ${name}`, ['options']);
  }
  if ('AlterTSConfigurationStmt' in node) {
    const name = qualified(w, node.AlterTSConfigurationStmt.cfgname);
    return touch('text_search_configuration', name, `ALTER TEXT SEARCH CONFIGURATION ${name}`, ['mappings']);
  }
  if ('CreateAmStmt' in node) return touch('access_method', node.CreateAmStmt.amname ?? '', `CREATE ACCESS METHOD ${node.CreateAmStmt.amname ?? ''}`);
  if ('CreateFdwStmt' in node) return touch('foreign_data_wrapper', node.CreateFdwStmt.fdwname ?? '', `CREATE FOREIGN DATA WRAPPER ${node.CreateFdwStmt.fdwname ?? ''}`);
  if ('AlterFdwStmt' in node) {
    const name = node.AlterFdwStmt.fdwname ?? '';
    return touch('foreign_data_wrapper', name, `ALTER FOREIGN DATA WRAPPER ${name}`, ['handler', 'validator', 'options']);
  }
  if ('CreateForeignServerStmt' in node) {
    const name = node.CreateForeignServerStmt.servername ?? '';
    return touch('foreign_server', name, `CREATE SERVER ${name}`);
  }
  if ('AlterForeignServerStmt' in node) {
    const name = node.AlterForeignServerStmt.servername ?? '';
    return touch('foreign_server', name, `ALTER SERVER ${name}`, ['version', 'options']);
  }
  if ('CreatePublicationStmt' in node) {
    const name = node.CreatePublicationStmt.pubname ?? '';
    return touch('publication', name, `CREATE PUBLICATION ${name}`);
  }
  if ('AlterPublicationStmt' in node) {
    const name = node.AlterPublicationStmt.pubname ?? '';
    return touch('publication', name, `ALTER PUBLICATION ${name}`, ['allTables', 'operations', 'viaRoot', 'tables', 'schemas']);
  }
  if ('CreateEventTrigStmt' in node) {
    const name = node.CreateEventTrigStmt.trigname ?? '';
    return touch('event_trigger', name, `CREATE EVENT TRIGGER ${name}`);
  }
  if ('AlterEventTrigStmt' in node) {
    const name = node.AlterEventTrigStmt.trigname ?? '';
    return touch('event_trigger', name, `ALTER EVENT TRIGGER ${name}`, ['enabled']);
  }
}

const TEXT_SEARCH_KINDS: Partial<Record<string, ObjectKind>> = {
  OBJECT_TSPARSER: 'text_search_parser',
  OBJECT_TSTEMPLATE: 'text_search_template',
  OBJECT_TSDICTIONARY: 'text_search_dictionary',
  OBJECT_TSCONFIGURATION: 'text_search_configuration',
};

/** `schema.name` of an existing object named by a possibly unqualified name (the creation schema when unqualified). */
function qualified(w: DdlContext, names: readonly Node[] | undefined): string {
  const parts = strings(names);
  return parts.length > 1 ? `${parts.at(-2)}.${parts.at(-1)}` : `${w.creationSchema}.${parts.at(-1) ?? ''}`;
}
