export * from './objects.js';
export * from './snapshot.js';
export * from './finding.js';
export * from './waiver.js';
export * from './report.js';
export * from './errors.js';
export * from './settings.js';
