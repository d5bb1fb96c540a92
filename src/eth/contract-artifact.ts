// What a compiler leaves behind about a contract, in the three shapes tools hand it over: a Hardhat
// artifact (artifacts/**/Name.json: abi, bytecode and deployedBytecode as hex strings, link and
// immutable references beside them), a Foundry artifact (out/**/Name.json: the same under
// bytecode.object and deployedBytecode.object), and solc's standard-JSON output
// (`hardhat_addCompilationResult`'s third parameter: contracts[source][name].evm). Reading files is
// the caller's; this only recognises the shapes.

/** Byte ranges in code, as solc reports link and immutable references. */
export interface CodeRange {
  start: number;
  length: number;
}

export interface ContractArtifact {
  contractName: string;
  /** The source file it was compiled from (the artifact's path when that is all there is). */
  sourceName?: string;
  abi: readonly unknown[];
  /** Creation code, hex (may hold `__$…$__` library placeholders). */
  bytecode?: string;
  /** Runtime code, hex. */
  deployedBytecode?: string;
  /** Library placeholders in the creation code. */
  linkRanges?: readonly CodeRange[];
  /** Library placeholders and immutables in the runtime code: bytes a deployment fills in. */
  deployedVariableRanges?: readonly CodeRange[];
  /** solc's source map of the runtime code (source-map.ts), when the compiler output has it. */
  deployedSourceMap?: string;
  /** The compilation's sources by id, for the source map; with the compiler input only. */
  sources?: ReadonlyMap<number, SourceFile>;
}

import type { SourceFile } from './source-map.ts';

type Json = Record<string, unknown>;
type References = Record<string, Record<string, CodeRange[]> | CodeRange[]> | undefined;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A Hardhat or Foundry artifact file's contract, or undefined when the JSON is neither (build info,
 * debug files, anything without an ABI). `fallbackName` names it when the file does not (Foundry).
 */
export function artifactFromJson(json: unknown, fallbackName: string, path?: string): ContractArtifact | undefined {
  if (!isObject(json) || !Array.isArray(json.abi)) return undefined;
  const name = typeof json.contractName === 'string' ? json.contractName : fallbackName;
  const sourceName = typeof json.sourceName === 'string' ? json.sourceName : foundrySource(json) ?? path;
  if (typeof json.deployedBytecode === 'string') {
    return {
      contractName: name,
      ...(sourceName !== undefined && { sourceName }),
      abi: json.abi,
      ...(typeof json.bytecode === 'string' && { bytecode: json.bytecode }),
      deployedBytecode: json.deployedBytecode,
      linkRanges: ranges(json.linkReferences as References),
      deployedVariableRanges: [...ranges(json.deployedLinkReferences as References), ...ranges(json.immutableReferences as References)],
    };
  }
  const deployed = json.deployedBytecode;
  const creation = json.bytecode;
  return {
    contractName: name,
    ...(sourceName !== undefined && { sourceName }),
    abi: json.abi,
    ...evmCode(isObject(creation) ? creation : undefined, isObject(deployed) ? deployed : undefined),
  };
}

/**
 * Every contract of a solc standard-JSON output (what `hardhat_addCompilationResult` receives); with
 * the input, the sources that its source maps point into, named by `sourceName` (default: as in the input).
 */
export function artifactsFromCompilerOutput(output: unknown, input?: unknown, sourceName: (inputName: string) => string = (name) => name): ContractArtifact[] {
  if (!isObject(output) || !isObject(output.contracts)) return [];
  const sources = compilationSources(output, input, sourceName);
  const artifacts: ContractArtifact[] = [];
  for (const [sourceName, contracts] of Object.entries(output.contracts)) {
    if (!isObject(contracts)) continue;
    for (const [contractName, contract] of Object.entries(contracts)) {
      if (!isObject(contract) || !Array.isArray(contract.abi)) continue;
      const evm = isObject(contract.evm) ? contract.evm : {};
      const creation = isObject(evm.bytecode) ? evm.bytecode : undefined;
      const deployed = isObject(evm.deployedBytecode) ? evm.deployedBytecode : undefined;
      const code = evmCode(creation, deployed);
      artifacts.push({ contractName, sourceName, abi: contract.abi, ...code, ...(code.deployedSourceMap !== undefined && sources.size > 0 && { sources }) });
    }
  }
  return artifacts;
}

/** Source id → name and text: ids from the output's `sources`, texts from the input's. */
function compilationSources(output: Json, input: unknown, sourceName: (inputName: string) => string): Map<number, SourceFile> {
  const sources = new Map<number, SourceFile>();
  const texts = isObject(input) && isObject(input.sources) ? input.sources : {};
  for (const [name, source] of Object.entries(isObject(output.sources) ? output.sources : {})) {
    const text = texts[name];
    if (isObject(source) && typeof source.id === 'number' && isObject(text) && typeof text.content === 'string') {
      sources.set(source.id, { name: sourceName(name), content: text.content });
    }
  }
  return sources;
}

/** solc's `{ object, linkReferences, immutableReferences }` pair, as Foundry and solc write it. */
function evmCode(creation: Json | undefined, deployed: Json | undefined): Partial<ContractArtifact> {
  const code: Partial<ContractArtifact> = {};
  if (typeof creation?.object === 'string' && creation.object.length > 0) {
    code.bytecode = creation.object;
    code.linkRanges = ranges(creation.linkReferences as References);
  }
  if (typeof deployed?.object === 'string' && deployed.object.length > 0) {
    code.deployedBytecode = deployed.object;
    code.deployedVariableRanges = [...ranges(deployed.linkReferences as References), ...ranges(deployed.immutableReferences as References)];
    if (typeof deployed.sourceMap === 'string' && deployed.sourceMap.length > 0) code.deployedSourceMap = deployed.sourceMap;
  }
  return code;
}

/** Foundry keeps the source path in its metadata's compilation target. */
function foundrySource(json: Json): string | undefined {
  const metadata = json.metadata;
  const settings = isObject(metadata) && isObject(metadata.settings) ? metadata.settings : undefined;
  const target = settings && isObject(settings.compilationTarget) ? Object.keys(settings.compilationTarget)[0] : undefined;
  return target;
}

/** Flattens link references ({file: {library: ranges}}) and immutable references ({id: ranges}). */
function ranges(references: References): CodeRange[] {
  if (!isObject(references)) return [];
  const out: CodeRange[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const r of value) if (isObject(r) && typeof r.start === 'number' && typeof r.length === 'number') out.push({ start: r.start, length: r.length });
    } else if (isObject(value)) {
      for (const inner of Object.values(value)) visit(inner);
    }
  };
  visit(references);
  return out;
}
