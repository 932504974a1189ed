export { renderJson, type ToolInfo } from './json.js';
export { renderText, type TextOptions } from './text.js';
export { renderJunit, type JunitOptions } from './junit.js';
export { renderMarkdown, type MarkdownOptions } from './markdown.js';
export { renderAnnotations } from './annotations.js';
export { REPORT_FORMATS, type ReportFormat } from './formats.js';
export { renderHtml, type HtmlInput } from './html.js';
export { renderFleetJson, renderFleetJunit, renderFleetMarkdown, renderFleetText } from './fleet.js';
