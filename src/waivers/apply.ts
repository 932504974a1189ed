import type { Finding } from '../model/finding.js';
import { splitKey, withoutArguments } from '../model/keys.js';
import type { Report } from '../model/report.js';
import type { Waiver } from '../model/waiver.js';

/**
 * Mark the findings that a waiver accepts (pure: `today` is given). A waiver applies
 * while `today` (UTC) is before its `expires` date; from that day on the finding
 * counts again and a warning says the waiver expired. A waiver that matches no finding
 * is stale: it is listed in `staleWaivers` and a warning says so.
 */
export function applyWaivers(report: Report, waivers: readonly Waiver[], today: Date): Report {
  const day = today.toISOString().slice(0, 10);
  const used = new Set<Waiver>();
  const expiredWarnings = new Map<Waiver, string[]>();

  const findings = report.findings.map((f): Finding => {
    const matching = waivers.filter((w) => matches(w, f));
    for (const w of matching) used.add(w);
    const active = matching.find((w) => day < w.expires);
    if (active) return { ...f, waiver: { reason: active.reason, owner: active.owner, expires: active.expires } };
    for (const w of matching) expiredWarnings.set(w, [...(expiredWarnings.get(w) ?? []), f.key]);
    return f;
  });

  const warnings = [...report.warnings];
  for (const [w, keys] of expiredWarnings) {
    const what = keys.length === 1 ? 'its finding counts' : `its ${keys.length} findings count`;
    warnings.push(
      `the waiver for ${describeWaiver(w)} expired on ${w.expires} (owner ${w.owner}: ${w.reason}): ${what} again; fix the drift or extend the waiver`,
    );
  }
  const staleWaivers = waivers.filter((w) => !used.has(w));
  for (const w of staleWaivers) {
    const quoted = report.findings.find((f) => f.key !== w.key && unquotedKey(f.key) === w.key);
    warnings.push(
      quoted
        ? `stale waiver: ${describeWaiver(w)} matches no finding (owner ${w.owner}): keys quote names as PostgreSQL does; write its key as ${quoted.key}`
        : `stale waiver: ${describeWaiver(w)} matches no finding (owner ${w.owner}): the drift it accepted is gone; remove the waiver`,
    );
  }
  return {
    ...report,
    summary: { ...report.summary, waived: findings.filter((f) => f.waiver !== undefined).length },
    findings,
    warnings,
    staleWaivers,
  };
}

/** A waiver matches a finding with its key, and with its change, kind and attribute where it names them. */
export function matches(w: Waiver, f: Finding): boolean {
  return (
    w.key === f.key &&
    (w.change === undefined || w.change === f.change) &&
    (w.kind === undefined || w.kind === f.kind) &&
    (w.attribute === undefined || w.attribute === f.attribute)
  );
}

/** `public.users.email (changed column nullable)`, with only the parts the waiver names. */
export function describeWaiver(w: Waiver): string {
  const precise = [w.change, w.kind, w.attribute].filter((p) => p !== undefined);
  return precise.length > 0 ? `${w.key} (${precise.join(' ')})` : w.key;
}

/** A key as pgparity wrote it before keys were quoted: `public."Users"` → `public.Users`. */
function unquotedKey(key: string): string {
  const name = withoutArguments(key);
  return (splitKey(name) ?? [name]).join('.') + key.slice(name.length);
}
