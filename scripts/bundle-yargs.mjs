// yargs, its parser and its help layout as one module, dist/vendor/yargs.js, which src/cli/main.ts
// imports: every command parses its arguments through it, and loading some fifty files one by one
// was a third of `pgparity check --help` (docs/performance.md, "Start-up").
//
// The layout measures each word of the help with `string-width`, grapheme by grapheme through
// Intl.Segmenter and an emoji regex: another third. Its width of a run of printable ASCII is its
// length, so the bundle's `string-width` answers those from the length and hands anything else to
// the real one, the copy each importer would have loaded: the help is byte for byte the same.
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const asciiWidth = {
  name: 'ascii-width',
  setup(bundle) {
    bundle.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData === 'real') return undefined;
      const real = await bundle.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'real' });
      return real.errors.length > 0 ? { errors: real.errors } : { path: real.path, namespace: 'ascii-width' };
    });
    bundle.onLoad({ filter: /.*/, namespace: 'ascii-width' }, (args) => ({
      contents: [
        `import stringWidth from ${JSON.stringify(args.path)};`,
        'const ASCII = /^[\\x20-\\x7e]*$/;',
        'export default (text, options) => (typeof text === "string" && ASCII.test(text) ? text.length : stringWidth(text, options));',
      ].join('\n'),
      resolveDir: dirname(args.path),
    }));
  },
};

const { metafile } = await build({
  entryPoints: ['node_modules/yargs/index.mjs'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outfile: 'dist/vendor/yargs.js',
  plugins: [asciiWidth],
  metafile: true,
  legalComments: 'inline',
  logLevel: 'warning',
});

// The licences of the packages in the bundle go with it.
const licences = new Map();
for (const input of Object.keys(metafile.inputs)) {
  const dir = /^(?:ascii-width:)?(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];
  if (!dir) continue;
  const { name, version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (licences.has(`${name}@${version}`)) continue;
  const licence = readdirSync(dir).find((entry) => /^licen[cs]e/i.test(entry));
  if (!licence) throw new Error(`bundle-yargs: ${dir} has no licence file to ship with dist/vendor/yargs.js`);
  licences.set(`${name}@${version}`, join(dir, licence));
}
mkdirSync('dist/vendor/licences', { recursive: true });
for (const [pkg, file] of licences) cpSync(file, join('dist/vendor/licences', `${pkg.replaceAll('/', '+')}.txt`));
writeFileSync('dist/vendor/README.md', `yargs.js bundles ${[...licences.keys()].sort().join(', ')}; their licences are in licences/.\n`);
