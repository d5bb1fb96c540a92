// `fevm-devnet start --artifacts DIR`: the contracts of a Hardhat artifacts folder (artifacts/**/Name.json)
// or a Foundry out folder (out/**/Name.json), read once at start for the ABI registry. Build info,
// debug files and caches are skipped; a file that is not an artifact is ignored (contract-artifact.ts
// decides). Only the reading of files is here, and of what gives each artifact's source map its
// sources: Hardhat 3's build info (solc's input and output), Foundry's build info and the project.

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { artifactFromJson, artifactsFromCompilerOutput, type ContractArtifact } from '../eth/contract-artifact.ts';
import type { SourceFile } from '../eth/source-map.ts';

/** Folders that hold no contract artifacts, only big compiler records. */
const SKIPPED_FOLDERS = new Set(['build-info', 'cache', 'node_modules', '.git']);

/** Every contract artifact under `dir`; throws when `dir` is not a folder. */
export function readArtifactsFolder(dir: string): ContractArtifact[] {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`--artifacts ${dir}: no such folder`);
  const artifacts: ContractArtifact[] = [];
  const buildInfos: BuildInfos = { dir: join(dir, 'build-info'), read: new Map(), texts: new Map() };
  const visit = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) visit(path);
      } else if (entry.name.endsWith('.json') && !entry.name.endsWith('.dbg.json')) {
        const artifact = readArtifact(path, relative(dir, path), buildInfos);
        if (artifact) artifacts.push(artifact);
      }
    }
  };
  visit(dir);
  return artifacts;
}

function readArtifact(path: string, relativePath: string, buildInfos: BuildInfos): ContractArtifact | undefined {
  const json = readJson(path);
  const artifact = artifactFromJson(json, basename(path, '.json'), relativePath);
  return artifact && withSourceMap(artifact, json as Record<string, unknown>, buildInfos);
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Hardhat 3 keeps source maps and sources in build-info/<buildInfoId>.output.json and .json (the
 * solc input), not in the artifact: read once per build, and matched by the artifact's inputSourceName.
 */
type BuildInfos = { dir: string; read: Map<string, ContractArtifact[]>; foundry?: Map<number, string>[]; texts: Map<string, SourceFile | null> };

/**
 * Foundry writes the source map into the artifact and only `source_id_to_path` into build-info/*.json:
 * the sources are read from the project (the folder above out/), as they are now. The build is the one
 * whose id for the artifact's own source (the artifact's `id`) is that source.
 */
function foundrySources(buildInfos: BuildInfos, ownId: number, sourcePath: string): Map<number, SourceFile> | undefined {
  buildInfos.foundry ??= (existsSync(buildInfos.dir) ? readdirSync(buildInfos.dir, { withFileTypes: true }) : []).flatMap((entry) => {
    const info = entry.isFile() && entry.name.endsWith('.json') ? (readJson(join(buildInfos.dir, entry.name)) as { source_id_to_path?: Record<string, string> } | undefined) : undefined;
    return info?.source_id_to_path ? [new Map(Object.entries(info.source_id_to_path).map(([id, path]) => [Number(id), path]))] : [];
  });
  const build = buildInfos.foundry.find((ids) => ids.get(ownId) === sourcePath);
  if (!build) return undefined;
  const project = dirname(dirname(buildInfos.dir));
  const sources = new Map<number, SourceFile>();
  for (const [id, path] of build) {
    let text = buildInfos.texts.get(path);
    if (text === undefined) {
      const content = existsSync(join(project, path)) ? readFileSync(join(project, path), 'utf8') : undefined;
      buildInfos.texts.set(path, (text = content === undefined ? null : { name: path, content }));
    }
    if (text) sources.set(id, text);
  }
  return sources;
}

function withSourceMap(artifact: ContractArtifact, json: Record<string, unknown>, buildInfos: BuildInfos): ContractArtifact {
  const { buildInfoId: id, inputSourceName } = json;
  if (typeof json.id === 'number' && artifact.deployedSourceMap !== undefined && artifact.sourceName !== undefined) {
    const sources = foundrySources(buildInfos, json.id, artifact.sourceName);
    return sources ? { ...artifact, sources } : artifact;
  }
  if (typeof id !== 'string' || typeof inputSourceName !== 'string' || !/^[\w.-]+$/.test(id)) return artifact;
  let built = buildInfos.read.get(id);
  if (!built) {
    const info = readJson(join(buildInfos.dir, `${id}.json`)) as { input?: unknown; userSourceNameMap?: Record<string, string> } | undefined;
    const output = readJson(join(buildInfos.dir, `${id}.output.json`)) as { output?: unknown } | undefined;
    const userNames = new Map(Object.entries(info?.userSourceNameMap ?? {}).map(([user, input]) => [input, user]));
    built = artifactsFromCompilerOutput(output?.output, info?.input, (name) => userNames.get(name) ?? name);
    buildInfos.read.set(id, built);
  }
  const match = built.find((b) => b.sourceName === inputSourceName && b.contractName === artifact.contractName);
  return match?.deployedSourceMap && match.sources ? { ...artifact, deployedSourceMap: match.deployedSourceMap, sources: match.sources } : artifact;
}
