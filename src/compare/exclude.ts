import { ConfigError } from '../model/errors.js';
import { FINDING_KINDS, type Finding, type FindingKind } from '../model/finding.js';

/** `[kind:]glob` matched against a finding's key: `index:public.*_tmp_idx`, `function:public.pg_*`, `public.legacy_*`. */
export interface ObjectPattern {
  readonly kind?: FindingKind;
  readonly key: RegExp;
}

/** Parse `[kind:]glob` (`*` any characters, dots included; `?` one); undefined when the kind is unknown. */
export function parseObjectPattern(text: string): ObjectPattern | undefined {
  const colon = text.indexOf(':');
  const kind = colon > 0 ? text.slice(0, colon) : undefined;
  if (kind !== undefined && !(FINDING_KINDS as readonly string[]).includes(kind)) return undefined;
  const glob = colon > 0 ? text.slice(colon + 1) : text;
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return { ...(kind !== undefined && { kind: kind as FindingKind }), key: new RegExp(`^${body}$`) };
}

/** Parse every `excludeObjects` / `--exclude-object` pattern; a ConfigError names the first one that is wrong. */
export function parseObjectPatterns(texts: readonly string[]): ObjectPattern[] {
  return texts.map((text) => {
    const pattern = parseObjectPattern(text);
    if (!pattern) throw new ConfigError(`--exclude-object "${text}": the part before ":" must be an object kind (table, index, function, …)`);
    return pattern;
  });
}

/** Findings about objects no pattern names (`excludeObjects` / `--exclude-object`). */
export function excludeFindings(findings: readonly Finding[], patterns: readonly ObjectPattern[]): Finding[] {
  if (patterns.length === 0) return [...findings];
  return findings.filter((f) => !patterns.some((p) => (p.kind === undefined || p.kind === f.kind) && p.key.test(f.key)));
}
