export { applyWaivers, describeWaiver, matches } from './apply.js';
export { DEFAULT_WAIVERS_FILE, loadWaivers } from './file.js';
export { parseWaivers } from './schema.js';
