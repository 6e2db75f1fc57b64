// Builds the app into target/web: one minified ES module bundle, the stylesheet, index.html and connect.html.
// config.json is not built: it is written at deploy time (template.yaml) or served by the sandbox.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', '..', '..', 'target', 'web');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(here, 'src', 'main.js')],
  outfile: join(out, 'app.js'),
  bundle: true,
  format: 'esm',
  minify: true,
  target: ['es2020'],
  legalComments: 'linked',
  logLevel: 'warning',
});
for (const file of ['index.html', 'app.css']) copyFileSync(join(here, 'src', file), join(out, file));
// Where Salesforce and Front send the admin back after consent (their registered redirect URL):
// the same app, which finishes the flow (src/connect-return.js).
copyFileSync(join(here, 'src', 'index.html'), join(out, 'connect.html'));
const gzipped = ['app.js', 'app.css', 'index.html'].reduce((sum, f) => sum + gzipSync(readFileSync(join(out, f))).length, 0);
console.log(`Built target/web: app.js ${Math.round(statSync(join(out, 'app.js')).size / 1024)} KB`);
console.log(`BENCH web.bundle_kb ${(gzipped / 1024).toFixed(1)}`);
