export { renderJson, type ToolInfo } from './json.js';
export { renderText, type TextOptions } from './text.js';
