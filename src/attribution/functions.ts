import type { SourceLanguage } from './lexer.js';

/** A named function (or method) definition: the context runtime DDL is issued from. */
export interface FunctionDefinition {
  readonly name: string;
  readonly line: number;
}

const CONTROL_WORDS = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'function', 'with', 'else', 'do', 'try', 'await', 'new', 'typeof']);

const JS_DEFINITIONS = [
  /^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*([\w$]+)\s*[<(]/,
  /^\s*(?:export\s+)?(?:const|let|var)\s+([\w$]+)\s*(?::[^=]+)?=\s*(?:async\s+)?(?:function\b|\([^)]*\)\s*(?::[^=]+)?=>|[\w$]+\s*=>)/,
  /^\s*(?:(?:public|private|protected|static|async|override|readonly)\s+)*([\w$]+)\s*(?:<[^>]*>)?\([^)]*\)?\s*(?::\s*[^{=]+)?\{\s*$/,
  /^\s*([\w$]+)\s*:\s*(?:async\s+)?(?:function\b|\([^)]*\)\s*=>)/,
  // Go, read with JavaScript's lexer: func name(…), func (r *Repo) name(…)
  /^func\s+(?:\([^)]*\)\s*)?([\w$]+)\s*[[(]/,
];
const PY_DEFINITION = /^\s*(?:async\s+)?def\s+(\w+)\s*\(/;

/** The definition a line opens, if any. */
export function definitionOn(line: string, language: SourceLanguage): string | undefined {
  if (language === 'python') return PY_DEFINITION.exec(line)?.[1];
  for (const pattern of JS_DEFINITIONS) {
    const name = pattern.exec(line)?.[1];
    if (name && !CONTROL_WORDS.has(name)) return name;
  }
  return undefined;
}

/**
 * The function a line sits in, by indentation: walking up, each line indented less than
 * everything below it opens an enclosing block; the first of those that defines a named
 * function is the one. Anonymous callbacks and module level give none.
 */
export function enclosingFunction(lines: readonly string[], line: number, language: SourceLanguage): FunctionDefinition | undefined {
  let bound = indentOf(lines[line - 1] ?? '');
  for (let j = line - 1; j >= 1 && bound > 0; j--) {
    const text = lines[j - 1]!;
    if (text.trim() === '' || isCommentLine(text, language)) continue;
    const indent = indentOf(text);
    if (indent >= bound) continue;
    const name = definitionOn(text, language);
    if (name) return { name, line: j };
    bound = indent;
  }
  return undefined;
}

function indentOf(line: string): number {
  const m = /^[ \t]*/.exec(line)![0];
  return m.replace(/\t/g, '    ').length;
}

function isCommentLine(line: string, language: SourceLanguage): boolean {
  const trimmed = line.trim();
  return language === 'python' ? trimmed.startsWith('#') : trimmed.startsWith('//') || trimmed.startsWith('*') || trimmed.startsWith('/*');
}

/** Names that say "this function creates the schema": ensureSchema, init_schema, createTables, … */
export const SCHEMA_FUNCTION_NAME =
  /^(?:ensure|init|initiali[sz]e|bootstrap|setup|set_up|create|sync|prepare|migrate|apply)_?(?:db_?|database_?)?(?:schema|tables)$/i;
