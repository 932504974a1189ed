export { introspectCatalog, type IntrospectOptions, type Introspection } from './introspect.js';
export { serializeSnapshot, parseSnapshot } from './snapshot-file.js';
export { detailsNotTaken, detailsNotTakenMessage } from './access.js';
