// Where the commands load the devnet's code from: the JavaScript in dist/ (`npm run build`, which
// npm install and npm pack run as `prepare`) when it is current, else the TypeScript in src/ (Node
// strips the types). dist/ starts faster (no type stripping) and is the only choice under
// node_modules, where Node refuses to strip types. Current means built after the last change in
// src/, so an edit to src/ runs at once, without a build, and stale code never runs.
// Plain JavaScript on purpose: this decides whether TypeScript runs at all.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(import.meta.dirname, '..');
/** Written by scripts/build-dist.js once dist/ is complete: `{ startedMs }`, when the build started. */
export const BUILD_STAMP = join('dist', 'build-stamp.json');

/**
 * The URL of module `name` (its path under src/ without the extension, e.g. 'cli/main'), and whether
 * it is TypeScript (then Node must strip types).
 * @param {string} name
 * @param {string} [root] the package folder
 * @returns {{ url: string, typescript: boolean }}
 */
export function sourceModule(name, root = ROOT) {
  if (distIsCurrent(root)) return { url: pathToFileURL(join(root, 'dist', `${name}.js`)).href, typescript: false };
  return { url: pathToFileURL(join(root, 'src', `${name}.ts`)).href, typescript: true };
}

/**
 * dist/ is complete and no file or folder in src/ (tests aside) changed since its build started.
 * Installed under node_modules, a built dist/ is always used: src/ cannot run there.
 * @param {string} [root]
 */
export function distIsCurrent(root = ROOT) {
  let built;
  try {
    built = JSON.parse(readFileSync(join(root, BUILD_STAMP), 'utf8')).startedMs;
  } catch {
    return false;
  }
  if (typeof built !== 'number') return false;
  if (root.split(sep).includes('node_modules')) return true;
  const src = join(root, 'src');
  let entries;
  try {
    if (statSync(src).mtimeMs > built) return false;
    entries = readdirSync(src, { recursive: true, withFileTypes: true });
  } catch {
    return true;
  }
  // A folder's mtime moves when it gains or loses a file, so a deleted source makes dist/ stale too.
  for (const entry of entries) {
    if (entry.isFile() && entry.name.endsWith('.test.ts')) continue;
    if (statSync(join(entry.parentPath, entry.name)).mtimeMs > built) return false;
  }
  return true;
}
