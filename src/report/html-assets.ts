/** The HTML report's inline style: no external font, image or stylesheet. */
export const HTML_STYLE = `
:root { --error: #c62828; --warning: #b26a00; --info: #1565c0; --ok: #2e7d32; --muted: #666; --line: #ddd; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1a1a1a; background: #fafafa; }
header { padding: 16px 24px; border-bottom: 1px solid var(--line); background: #fff; }
header.parity { border-top: 6px solid var(--ok); }
header.drift { border-top: 6px solid var(--error); }
header.error { border-top: 6px solid var(--warning); }
h1 { margin: 0 0 4px; font-size: 22px; }
h2 { font-size: 18px; margin: 24px 0 8px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.gate, .side { margin: 2px 0; color: #333; }
main, section, nav, aside, .findings { margin-left: 24px; margin-right: 24px; }
section section, .findings section { margin-left: 0; margin-right: 0; }
.warnings { background: #fff8e1; border: 1px solid #ffe082; padding: 4px 12px; margin-top: 12px; }
.controls { position: sticky; top: 0; background: #fafafa; padding: 10px 0; display: flex; flex-wrap: wrap; gap: 12px; align-items: center; border-bottom: 1px solid var(--line); z-index: 1; }
.controls fieldset { border: 1px solid var(--line); padding: 2px 8px; margin: 0; }
.controls legend { font-size: 11px; color: var(--muted); }
#search { flex: 1 1 260px; padding: 6px 8px; font-size: 14px; }
#shown { color: var(--muted); margin: 0; }
table { border-collapse: collapse; background: #fff; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
td.n { text-align: right; }
.badge { padding: 1px 6px; border-radius: 3px; color: #fff; font-size: 12px; }
.badge.parity { background: var(--ok); } .badge.drift { background: var(--error); } .badge.error { background: var(--warning); }
.finding { background: #fff; border: 1px solid var(--line); border-left: 4px solid var(--info); padding: 6px 12px; margin: 8px 0; }
.finding.error { border-left-color: var(--error); } .finding.warning { border-left-color: var(--warning); }
.finding.waived { opacity: .7; }
.finding p { margin: 2px 0; }
.sev { font-weight: 600; text-transform: uppercase; font-size: 11px; }
.sev.error { color: var(--error); } .sev.warning { color: var(--warning); } .sev.info { color: var(--info); }
.change, .rule { color: var(--muted); font-size: 12px; }
.values { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
.values pre, pre.diff { background: #f5f5f5; padding: 6px; margin: 4px 0; white-space: pre-wrap; word-break: break-word; }
.label { font-size: 11px; color: var(--muted); }
pre.diff span { display: block; } pre.diff .add { background: #e6ffed; } pre.diff .del { background: #ffeef0; }
.cause { color: #444; } .location { background: #eef; padding: 0 4px; }
details { margin: 8px 0; } summary { cursor: pointer; color: var(--muted); }
.hidden { display: none; }
`;

/** The HTML report's inline script: filters and search over the findings, nothing loaded from anywhere. */
export const HTML_SCRIPT = `
(function () {
  var search = document.getElementById('search');
  if (!search) return;
  var kind = document.getElementById('kind');
  var shown = document.getElementById('shown');
  var findings = Array.prototype.slice.call(document.querySelectorAll('.finding'));
  function checked(name) {
    return Array.prototype.slice.call(document.querySelectorAll('input[name="' + name + '"]:checked')).map(function (i) { return i.value; });
  }
  function apply() {
    var words = search.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var severities = checked('severity'), changes = checked('change'), k = kind.value, count = 0;
    findings.forEach(function (f) {
      var text = f.getAttribute('data-search');
      var visible = severities.indexOf(f.getAttribute('data-severity')) >= 0 && changes.indexOf(f.getAttribute('data-change')) >= 0 &&
        (!k || f.getAttribute('data-kind') === k) && words.every(function (w) { return text.indexOf(w) >= 0; });
      f.classList.toggle('hidden', !visible);
      if (visible) count++;
    });
    Array.prototype.slice.call(document.querySelectorAll('[data-group]')).forEach(function (g) {
      g.classList.toggle('hidden', !g.querySelector('.finding:not(.hidden)'));
    });
    shown.textContent = count + ' of ' + findings.length + ' findings shown';
  }
  search.addEventListener('input', apply);
  kind.addEventListener('change', apply);
  Array.prototype.slice.call(document.querySelectorAll('.controls input[type=checkbox]')).forEach(function (i) { i.addEventListener('change', apply); });
})();
`;
