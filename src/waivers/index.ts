export { applyWaivers, describeWaiver, matches } from './apply.js';
export { DEFAULT_WAIVERS_FILE, loadWaivers, parseWaivers } from './file.js';
