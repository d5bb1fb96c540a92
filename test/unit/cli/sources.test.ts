// bin/sources.js: the commands run dist/ only while it is current (built after every change in src/),
// else src/; an edit, a new file or a deleted file in src/ makes them run src/ without a build.

import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sourceModule } from '../../../bin/sources.js';

const BUILT = Date.UTC(2030, 0, 1);
const BEFORE = new Date(BUILT - 60_000);
const AFTER = new Date(BUILT + 60_000);

describe('bin/sources.js: dist/ or src/', () => {
  let root: string;
  const runs = () => (sourceModule('cli/main', root).typescript ? 'src' : 'dist');
  const touch = (path: string, when: Date) => utimesSync(join(root, path), when, when);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'fevm-sources-'));
    mkdirSync(join(root, 'src', 'cli'), { recursive: true });
    mkdirSync(join(root, 'dist', 'cli'), { recursive: true });
    writeFileSync(join(root, 'src', 'cli', 'main.ts'), '');
    writeFileSync(join(root, 'src', 'cli', 'main.test.ts'), '');
    writeFileSync(join(root, 'dist', 'cli', 'main.js'), '');
    writeFileSync(join(root, 'dist', 'build-stamp.json'), JSON.stringify({ startedMs: BUILT }));
    for (const path of ['src/cli/main.ts', 'src/cli/main.test.ts', 'src/cli', 'src']) touch(path, BEFORE);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('runs dist/ when it was built after every change in src/', () => {
    assert.equal(runs(), 'dist');
    assert.equal(sourceModule('cli/main', root).url, `file://${join(root, 'dist', 'cli', 'main.js')}`);
  });

  it('runs src/ when a source changed after the build started', () => {
    touch('src/cli/main.ts', AFTER);
    assert.equal(runs(), 'src');
    assert.equal(sourceModule('cli/main', root).url, `file://${join(root, 'src', 'cli', 'main.ts')}`);
  });

  it('runs src/ when a folder in src/ gained or lost a file after the build', () => {
    touch('src/cli', AFTER);
    assert.equal(runs(), 'src');
  });

  it('ignores edits to tests, which dist/ does not hold', () => {
    touch('src/cli/main.test.ts', AFTER);
    assert.equal(runs(), 'dist');
  });

  it('runs src/ without a finished build (no stamp)', () => {
    rmSync(join(root, 'dist', 'build-stamp.json'));
    assert.equal(runs(), 'src');
  });
});
