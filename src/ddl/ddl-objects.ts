import type { Node } from 'libpg-query';
import type { ObjectKind } from '../model/objects.js';
import { objectKey, quoteIdent } from '../model/keys.js';
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
    const key = objectKey(table.schema, table.name, stmt.rulename ?? '');
    return touch('rule', key, `CREATE ${stmt.replace ? 'OR REPLACE ' : ''}RULE ${quoteIdent(stmt.rulename ?? '')} ON ${objectKey(table.schema, table.name)}`);
  }
  if ('CreateStatsStmt' in node) {
    const name = w.typeName(node.CreateStatsStmt.defnames, true);
    const key = objectKey(name.schema, name.name);
    return touch('statistics', key, `CREATE STATISTICS ${key}`);
  }
  if ('AlterStatsStmt' in node) {
    const name = qualified(w, node.AlterStatsStmt.defnames);
    return touch('statistics', name, `ALTER STATISTICS ${name}`, ['statisticsTarget']);
  }
  const textSearch = 'DefineStmt' in node ? TEXT_SEARCH_KINDS[node.DefineStmt.kind ?? ''] : undefined;
  if (textSearch && 'DefineStmt' in node) {
    const name = w.typeName(node.DefineStmt.defnames, true);
    const key = objectKey(name.schema, name.name);
    return touch(textSearch, key, `CREATE ${textSearch.replace(/_/g, ' ').toUpperCase()} ${key}`);
  }
  if ('CreateConversionStmt' in node) {
    const name = w.typeName(node.CreateConversionStmt.conversion_name, true);
    const key = objectKey(name.schema, name.name);
    return touch('conversion', key, `CREATE CONVERSION ${key}`);
  }
  if ('AlterTSDictionaryStmt' in node) {
    const name = qualified(w, node.AlterTSDictionaryStmt.dictname);
    return touch('text_search_dictionary', name, `ALTER TEXT SEARCH DICTIONARY ${name}`, ['options']);
  }
  if ('AlterTSConfigurationStmt' in node) {
    const name = qualified(w, node.AlterTSConfigurationStmt.cfgname);
    return touch('text_search_configuration', name, `ALTER TEXT SEARCH CONFIGURATION ${name}`, ['mappings']);
  }
  if ('CreateAmStmt' in node) {
    const name = quoteIdent(node.CreateAmStmt.amname ?? '');
    return touch('access_method', name, `CREATE ACCESS METHOD ${name}`);
  }
  if ('CreateFdwStmt' in node) {
    const name = quoteIdent(node.CreateFdwStmt.fdwname ?? '');
    return touch('foreign_data_wrapper', name, `CREATE FOREIGN DATA WRAPPER ${name}`);
  }
  if ('AlterFdwStmt' in node) {
    const name = quoteIdent(node.AlterFdwStmt.fdwname ?? '');
    return touch('foreign_data_wrapper', name, `ALTER FOREIGN DATA WRAPPER ${name}`, ['handler', 'validator', 'options']);
  }
  if ('CreateForeignServerStmt' in node) {
    const name = quoteIdent(node.CreateForeignServerStmt.servername ?? '');
    return touch('foreign_server', name, `CREATE SERVER ${name}`);
  }
  if ('AlterForeignServerStmt' in node) {
    const name = quoteIdent(node.AlterForeignServerStmt.servername ?? '');
    return touch('foreign_server', name, `ALTER SERVER ${name}`, ['version', 'options']);
  }
  if ('CreatePublicationStmt' in node) {
    const name = quoteIdent(node.CreatePublicationStmt.pubname ?? '');
    return touch('publication', name, `CREATE PUBLICATION ${name}`);
  }
  if ('AlterPublicationStmt' in node) {
    const name = quoteIdent(node.AlterPublicationStmt.pubname ?? '');
    return touch('publication', name, `ALTER PUBLICATION ${name}`, ['allTables', 'operations', 'viaRoot', 'tables', 'schemas']);
  }
  if ('CreateEventTrigStmt' in node) {
    const name = quoteIdent(node.CreateEventTrigStmt.trigname ?? '');
    return touch('event_trigger', name, `CREATE EVENT TRIGGER ${name}`);
  }
  if ('AlterEventTrigStmt' in node) {
    const name = quoteIdent(node.AlterEventTrigStmt.trigname ?? '');
    return touch('event_trigger', name, `ALTER EVENT TRIGGER ${name}`, ['enabled']);
  }
}

const TEXT_SEARCH_KINDS: Partial<Record<string, ObjectKind>> = {
  OBJECT_TSPARSER: 'text_search_parser',
  OBJECT_TSTEMPLATE: 'text_search_template',
  OBJECT_TSDICTIONARY: 'text_search_dictionary',
  OBJECT_TSCONFIGURATION: 'text_search_configuration',
};

/** The key `schema.name` of an existing object named by a possibly unqualified name (the creation schema when unqualified). */
function qualified(w: DdlContext, names: readonly Node[] | undefined): string {
  const parts = strings(names);
  return objectKey(parts.length > 1 ? (parts.at(-2) ?? '') : w.creationSchema, parts.at(-1) ?? '');
}
