import { diffLines } from 'diff';
import { isLongValue } from '../compare/messages.js';
import { findingHeading } from '../compare/order.js';
import { SEVERITY_RANK, type AttributeValue, type Finding, type Severity } from '../model/finding.js';
import type { FleetReport, TargetResult } from '../model/fleet.js';
import type { Report, SideInfo } from '../model/report.js';
import { ruleKey, showValue } from './finding-details.js';
import { HTML_SCRIPT, HTML_STYLE } from './html-assets.js';

/** What one HTML page shows: one database's report, or a fleet's. */
export type HtmlInput = { readonly report: Report; readonly failOn: Severity } | { readonly fleet: FleetReport };

/**
 * One self-contained page (no network, no external script, style or font; works from file://):
 * the verdict and summary at the top, a target × verdict table for fleets, findings grouped by
 * object with expected and actual side by side and a line diff for long definitions, the cause
 * of each, filters by severity, kind and change, and a search box.
 */
export function renderHtml(input: HtmlInput): string {
  const body = 'fleet' in input ? fleetBody(input.fleet) : singleBody(input.report, input.failOn);
  const verdict = 'fleet' in input ? input.fleet.verdict : input.report.verdict;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>pgparity: ${verdict}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    body,
    `<script>${HTML_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function singleBody(report: Report, failOn: Severity): string {
  const counting = report.findings.filter((f) => !f.waiver && f.change !== 'hazard');
  const fails = report.findings.some((f) => !f.waiver && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
  return [
    `<header class="verdict ${report.verdict}">`,
    `<h1>pgparity: ${report.verdict === 'parity' ? 'parity' : 'drift'}</h1>`,
    `<p class="gate">${report.findings.length === 0 ? 'no differences' : `${counts(report.findings)} — ${fails ? 'fails' : 'passes'} <code>--fail-on ${failOn}</code>`}</p>`,
    sides(report.expected, report.actual),
    '</header>',
    warnings(report.warnings),
    controls(report.findings),
    report.findings.length === 0 ? '<p class="empty">The live schema matches the migrations.</p>' : findingsSection(report.findings, counting.length),
  ].join('\n');
}

function fleetBody(fleet: FleetReport): string {
  const s = fleet.summary;
  const all = fleet.targets.flatMap((t) => t.findings);
  const row = (t: TargetResult): string =>
    `<tr class="target ${t.verdict}" data-verdict="${t.verdict}"><td>${t.findings.length > 0 ? `<a href="#target-${anchor(t.name)}">${esc(t.name)}</a>` : esc(t.name)}</td><td><span class="badge ${t.verdict}">${t.verdict}</span></td>` +
    `<td class="n">${t.summary.missing}</td><td class="n">${t.summary.extra}</td><td class="n">${t.summary.changed}</td><td>${t.error ? esc(t.error) : esc(t.serverVersion ? `PostgreSQL ${t.serverVersion}` : '')}</td></tr>`;
  // What needs a look first: drifted and unreadable targets; the ones in parity folded away below them.
  const attention = fleet.targets.filter((t) => t.verdict !== 'parity');
  const parity = fleet.targets.filter((t) => t.verdict === 'parity');
  const head = '<thead><tr><th>target</th><th>verdict</th><th>missing</th><th>extra</th><th>changed</th><th>server / error</th></tr></thead>';
  return [
    `<header class="verdict ${fleet.verdict}">`,
    `<h1>pgparity fleet: ${fleet.verdict}</h1>`,
    `<p class="gate">${s.targets} targets: ${s.parity} parity, ${s.drift} drift, ${s.failed} failed${fleet.shard ? ` (shard ${fleet.shard.index}/${fleet.shard.count})` : ''} — gate <code>--fail-on ${fleet.failOn}</code></p>`,
    `<p class="side"><b>Expected</b> (migrations): <code>${esc(fleet.expected.source)}</code> — PostgreSQL ${esc(fleet.expected.serverVersion)}</p>`,
    '</header>',
    warnings(fleet.warnings),
    '<section class="targets"><h2>Targets</h2>',
    attention.length > 0 ? `<table>${head}<tbody>${attention.map(row).join('\n')}</tbody></table>` : '<p>Every target is in parity.</p>',
    parity.length > 0
      ? `<details><summary>${parity.length} target${parity.length === 1 ? '' : 's'} in parity</summary><table>${head}<tbody>${parity.map(row).join('\n')}</tbody></table></details>`
      : '',
    '</section>',
    controls(all),
    ...fleet.targets.filter((t) => t.findings.length > 0).map(targetSection),
  ].join('\n');
}

function targetSection(t: TargetResult): string {
  return [
    `<section class="target-findings" id="target-${anchor(t.name)}" data-group>`,
    `<h2>${esc(t.name)} <span class="badge ${t.verdict}">${t.verdict}</span> <small>${counts(t.findings)}</small></h2>`,
    findingsSection(t.findings, t.findings.length),
    '</section>',
  ].join('\n');
}

function findingsSection(findings: readonly Finding[], total: number): string {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const name = findingHeading(f);
    groups.set(name, [...(groups.get(name) ?? []), f]);
  }
  const parts = [...groups].map(
    ([name, list]) => `<section class="object" data-group><h3><code>${esc(name)}</code></h3>\n${list.map(findingBlock).join('\n')}\n</section>`,
  );
  return `<div class="findings" data-total="${total}">\n${parts.join('\n')}\n</div>`;
}

function findingBlock(f: Finding): string {
  const search = [f.message, f.key, f.kind, f.change, f.attribute ?? '', f.cause?.message ?? ''].join(' ').toLowerCase();
  const long = f.change === 'changed' && (isLongValue(f.expected) || isLongValue(f.actual));
  const values =
    f.change !== 'changed'
      ? ''
      : long
        ? `<pre class="diff">${lineDiff(text(f.expected), text(f.actual))}</pre>`
        : `<div class="values"><div><span class="label">migrations</span><pre>${esc(showValue(f.expected))}</pre></div><div><span class="label">live</span><pre>${esc(showValue(f.actual))}</pre></div></div>`;
  // The location as its own chip, unless the cause's message already names it.
  const where = f.cause?.location ? `${f.cause.location.file}:${f.cause.location.line}` : undefined;
  const cause = f.cause
    ? `<p class="cause">↳ ${esc(f.cause.message)}${where && !f.cause.message.includes(where) ? ` <code class="location">${esc(where)}</code>` : ''}</p>`
    : '';
  const waiver = f.waiver ? `<p class="waiver">waived until ${esc(f.waiver.expires)} (${esc(f.waiver.owner)}): ${esc(f.waiver.reason)}</p>` : '';
  return [
    `<article class="finding ${f.severity}${f.waiver ? ' waived' : ''}" data-severity="${f.severity}" data-change="${f.change}" data-kind="${f.kind}" data-search="${esc(search)}">`,
    `<p class="head"><span class="sev ${f.severity}">${f.severity}</span> <span class="change">${f.change}</span> <span class="rule">${esc(ruleKey(f))}</span></p>`,
    `<p class="message">${esc(f.message)}</p>`,
    values,
    cause,
    waiver,
    '</article>',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

function controls(findings: readonly Finding[]): string {
  if (findings.length === 0) return '';
  const kinds = [...new Set(findings.map((f) => f.kind))].sort();
  const changes = [...new Set(findings.map((f) => f.change))];
  const box = (name: string, value: string): string => `<label><input type="checkbox" name="${name}" value="${value}" checked> ${value}</label>`;
  return [
    '<nav class="controls" aria-label="filters">',
    '<input type="search" id="search" placeholder="search findings (key, message, cause)" aria-label="search findings">',
    `<fieldset><legend>severity</legend>${(['error', 'warning', 'info'] as const).map((s) => box('severity', s)).join(' ')}</fieldset>`,
    `<fieldset><legend>change</legend>${changes.map((c) => box('change', c)).join(' ')}</fieldset>`,
    `<fieldset><legend>kind</legend><select id="kind" aria-label="kind"><option value="">all kinds</option>${kinds.map((k) => `<option value="${k}">${k}</option>`).join('')}</select></fieldset>`,
    `<p id="shown" aria-live="polite">${findings.length} of ${findings.length} findings shown</p>`,
    '</nav>',
  ].join('\n');
}

function sides(expected: SideInfo, actual: SideInfo): string {
  const line = (label: string, s: SideInfo): string =>
    `<p class="side"><b>${label}</b>: <code>${esc(s.source)}</code> — PostgreSQL ${esc(s.serverVersion)}${s.provider ? `, ${esc(s.provider)} scratch` : ''}</p>`;
  return `${line('Expected (migrations)', expected)}\n${line('Actual (live)', actual)}`;
}

function warnings(list: readonly string[]): string {
  return list.length === 0 ? '' : `<aside class="warnings"><ul>${list.map((w) => `<li>${esc(w)}</li>`).join('')}</ul></aside>`;
}

function counts(findings: readonly Finding[]): string {
  const n = (change: Finding['change']): number => findings.filter((f) => f.change === change).length;
  const hazards = n('hazard');
  return `${n('missing')} missing, ${n('extra')} extra, ${n('changed')} changed${hazards ? `, ${hazards} hazard${hazards === 1 ? '' : 's'}` : ''}`;
}

function lineDiff(expected: string, actual: string): string {
  return diffLines(expected, actual)
    .flatMap((part) =>
      part.value
        .replace(/\n$/, '')
        .split('\n')
        .map((line) => {
          const [cls, mark] = part.added ? ['add', '+'] : part.removed ? ['del', '-'] : ['same', ' '];
          return `<span class="${cls}">${mark} ${esc(line)}</span>`;
        }),
    )
    .join('\n');
}

function text(value: AttributeValue | undefined): string {
  if (Array.isArray(value)) return value.map((v) => showValue(v)).join('\n');
  return showValue(value);
}

function anchor(name: string): string {
  return encodeURIComponent(name).replace(/%/g, '_');
}

/** HTML-escaped, control characters shown as escapes: a name can neither break the page nor hide text. */
function esc(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
