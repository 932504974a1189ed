export { replayWithCache, type CachedReplayRequest, type ReplayCacheUse } from './replay-cache.js';
