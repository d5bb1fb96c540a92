// `fevm-devnet start --artifacts DIR`: the contracts of a Hardhat artifacts folder (artifacts/**/Name.json)
// or a Foundry out folder (out/**/Name.json), read once at start for the ABI registry. Build info,
// debug files and caches are skipped; a file that is not an artifact is ignored (contract-artifact.ts
// decides). Only the reading of files is here.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { artifactFromJson, type ContractArtifact } from '../eth/contract-artifact.ts';

/** Folders that hold no contract artifacts, only big compiler records. */
const SKIPPED_FOLDERS = new Set(['build-info', 'cache', 'node_modules', '.git']);

/** Every contract artifact under `dir`; throws when `dir` is not a folder. */
export function readArtifactsFolder(dir: string): ContractArtifact[] {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`--artifacts ${dir}: no such folder`);
  const artifacts: ContractArtifact[] = [];
  const visit = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) visit(path);
      } else if (entry.name.endsWith('.json') && !entry.name.endsWith('.dbg.json')) {
        const artifact = readArtifact(path, relative(dir, path));
        if (artifact) artifacts.push(artifact);
      }
    }
  };
  visit(dir);
  return artifacts;
}

function readArtifact(path: string, relativePath: string): ContractArtifact | undefined {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
  return artifactFromJson(json, basename(path, '.json'), relativePath);
}
