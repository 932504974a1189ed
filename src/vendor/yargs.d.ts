// dist/vendor/yargs.js is yargs bundled by the build (scripts/bundle-yargs.mjs), so that start-up loads one
// file instead of some fifty: the same module, typed as yargs.
export { default } from 'yargs';
