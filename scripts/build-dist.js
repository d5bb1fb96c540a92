// `npm run build` (npm install and npm pack also run it, as `prepare`): bundles the devnet's code in
// src/ into JavaScript in dist/ with esbuild, then writes dist/build-stamp.json with the time the build
// started. bin/sources.js runs dist/ only while no file in src/ is newer than that, so a build is
// never needed to run an edit, only to start faster: one bundle loads in a fifth less time than the
// two hundred modules of src/, and it runs under node_modules, where Node does not strip types.
// Packages stay outside the bundle (imported from node_modules as usual); `npm run typecheck` checks
// the types, not this. Without esbuild (an install without dev dependencies) nothing is built and the
// commands run src/.
import { createRequire } from 'node:module';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
/** The modules the commands load: bin/fevm-devnet.js and the Hardhat plugin's in-process devnet. */
const ENTRY_POINTS = ['src/cli/main.ts', 'src/cli/devnet.ts'];
const startedMs = Date.now();

let esbuild;
try {
  esbuild = createRequire(join(ROOT, 'package.json'))('esbuild');
} catch {
  console.log('build: esbuild is not installed; the commands run the TypeScript in src/');
  process.exit(0);
}
rmSync(DIST, { recursive: true, force: true });
try {
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ENTRY_POINTS,
    outbase: 'src',
    outdir: 'dist',
    bundle: true,
    // A module that src/ imports lazily (the EVM) stays a chunk of its own, loaded as late as in src/.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    // Class and function names stay as written (error names, constructor.name in messages).
    keepNames: true,
    // For `node --enable-source-maps`: stack traces then point into src/.
    sourcemap: 'linked',
    logLevel: 'warning',
  });
} catch (error) {
  rmSync(DIST, { recursive: true, force: true });
  console.error(`build: esbuild failed, dist/ removed; the commands run the TypeScript in src/\n${error.message}`);
  process.exit(1);
}
writeFileSync(join(DIST, 'build-stamp.json'), `${JSON.stringify({ startedMs })}\n`);
console.log(`build: dist/ in ${((Date.now() - startedMs) / 1000).toFixed(1)} s`);
