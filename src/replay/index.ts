export { discoverMigrations, type Migration } from './discover.js';
export { applyMigrations, connectForReplay, replayMigrations, type ReplayOptions } from './apply.js';
export { runReplayCommand, replayEnvironment, type ReplayCommandOptions } from './command.js';
export { compareMigrationNames } from './order.js';
export { maxLocksFor, DEFAULT_MAX_LOCKS } from './locks.js';
export { createToolPrelude } from './tool-prelude.js';
export { replaySchemasFor, type ReplaySchemas } from './search-path.js';
