// The contracts the node has been told about (`hardhat_addCompilationResult`, `fevm-devnet start
// --artifacts`), so that what it prints and answers names them: a contract recognised by its code
// (code-template.ts: metadata, libraries and immutables ignored), the function a transaction calls,
// custom errors decoded by their 4-byte selector over every known ABI, and, where the compilation gave
// source maps and sources, the source line of a pc in a known contract. ABI decoding is ethers'.
// Where the contracts come from (files, RPC) is the caller's.

import type { ErrorFragment, Interface, ParamType, Result } from 'ethers';
import { bytesToHex, keccak256, loadEthers } from '../primitives/index.ts';
import { creationTemplate, matchesCreation, matchesRuntime, runtimeLength, runtimeTemplate, type CodeTemplate } from './code-template.ts';
import type { ContractArtifact } from './contract-artifact.ts';
import { parseSourceMap, sourceLocation, type SourceFile, type SourceLocation } from './source-map.ts';

export interface KnownContract {
  readonly name: string;
  readonly sourceName: string | undefined;
  readonly abi: Interface;
  /** The runtime code's source map and the sources it points into, when the compilation gave them. */
  readonly sourceMap?: { readonly map: string; readonly sources: ReadonlyMap<number, SourceFile> };
}

interface Entry {
  contract: KnownContract;
  runtime: CodeTemplate | undefined;
  creation: CodeTemplate | undefined;
}

interface KnownError {
  contract: KnownContract;
  fragment: ErrorFragment;
}

export class AbiRegistry {
  /** By `sourceName:name`, so that a recompiled contract replaces its older build. */
  private readonly entries = new Map<string, Entry>();
  private byRuntimeLength = new Map<number, Entry[]>();
  private errors = new Map<string, KnownError[]>();
  private readonly parsedMaps = new WeakMap<KnownContract, ReturnType<typeof parseSourceMap>>();
  /** Code hash → what it was found to be (null: no known contract). */
  private readonly codeCache = new Map<string, KnownContract | null>();

  /** How many contracts are known; an empty registry costs its callers nothing. */
  get size(): number {
    return this.entries.size;
  }

  /** Adds (or replaces) contracts; answers how many had an ABI ethers could read. */
  add(artifacts: Iterable<ContractArtifact>): number {
    let added = 0;
    const { Interface } = loadEthers();
    for (const artifact of artifacts) {
      let abi: Interface;
      try {
        abi = new Interface(artifact.abi as never);
      } catch {
        continue;
      }
      const sourceMap = artifact.deployedSourceMap !== undefined && artifact.sources ? { map: artifact.deployedSourceMap, sources: artifact.sources } : undefined;
      const contract: KnownContract = { name: artifact.contractName, sourceName: artifact.sourceName, abi, ...(sourceMap && { sourceMap }) };
      const runtime = artifact.deployedBytecode ? runtimeTemplate(artifact.deployedBytecode, artifact.deployedVariableRanges) : undefined;
      const creation = artifact.bytecode ? creationTemplate(artifact.bytecode, artifact.linkRanges, artifact.deployedBytecode) : undefined;
      this.entries.set(`${artifact.sourceName ?? ''}:${artifact.contractName}`, { contract, runtime, creation });
      added++;
    }
    if (added > 0) this.reindex();
    return added;
  }

  /** The contract whose runtime code this is. */
  contractForCode(code: Uint8Array): KnownContract | undefined {
    if (code.length === 0 || this.entries.size === 0) return undefined;
    const key = bytesToHex(keccak256(code));
    const cached = this.codeCache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const entry = this.byRuntimeLength.get(runtimeLength(code))?.find((e) => matchesRuntime(code, e.runtime!));
    this.codeCache.set(key, entry?.contract ?? null);
    return entry?.contract;
  }

  /** The contract a deployment's input (creation code and constructor arguments) deploys; the longest match wins. */
  contractForCreation(input: Uint8Array): KnownContract | undefined {
    let best: Entry | undefined;
    for (const entry of this.entries.values()) {
      if (entry.creation && matchesCreation(input, entry.creation) && (!best || entry.creation.bytes.length > best.creation!.bytes.length)) best = entry;
    }
    return best?.contract;
  }

  /** Where in its source the known contract's runtime `code` is at `pc` (its source map parsed once). */
  sourceLocation(contract: KnownContract, code: Uint8Array, pc: number): SourceLocation | undefined {
    if (!contract.sourceMap) return undefined;
    let entries = this.parsedMaps.get(contract);
    if (!entries) this.parsedMaps.set(contract, (entries = parseSourceMap(contract.sourceMap.map)));
    return sourceLocation(code, pc, entries, contract.sourceMap.sources);
  }

  /** `Name.function` for calldata to a known contract, `Name` when the selector is not in its ABI. */
  callName(contract: KnownContract, calldata: Uint8Array): string {
    if (calldata.length < 4) return contract.name;
    const fn = contract.abi.getFunction(bytesToHex(calldata.subarray(0, 4)));
    return fn ? `${contract.name}.${fn.name}` : contract.name;
  }

  /**
   * A custom error's name and arguments (`InsufficientBalance(1, 5)`), looked up by selector in
   * `preferred`'s ABI first, then in every known ABI; undefined when no ABI has it or it does not decode.
   */
  customError(data: Uint8Array, preferred?: KnownContract): string | undefined {
    if (data.length < 4) return undefined;
    const candidates = this.errors.get(bytesToHex(data.subarray(0, 4)));
    if (!candidates) return undefined;
    const ordered = preferred ? [...candidates.filter((c) => c.contract === preferred), ...candidates.filter((c) => c.contract !== preferred)] : candidates;
    for (const { contract, fragment } of ordered) {
      try {
        const args = contract.abi.decodeErrorResult(fragment, data);
        return `${fragment.name}(${fragment.inputs.map((p, i) => valueText(p, args[i])).join(', ')})`;
      } catch {
        // Same selector, other arguments: try the next ABI.
      }
    }
    return undefined;
  }

  private reindex(): void {
    this.byRuntimeLength = new Map();
    this.errors = new Map();
    this.codeCache.clear();
    for (const entry of this.entries.values()) {
      if (entry.runtime) {
        const length = entry.runtime.bytes.length;
        this.byRuntimeLength.set(length, [...(this.byRuntimeLength.get(length) ?? []), entry]);
      }
      entry.contract.abi.forEachError((fragment) => {
        const list = this.errors.get(fragment.selector) ?? [];
        if (!list.some((e) => e.fragment.format() === fragment.format())) list.push({ contract: entry.contract, fragment });
        this.errors.set(fragment.selector, list);
      });
    }
  }
}

/** An argument as Solidity would write it: numbers in decimal, strings quoted, arrays in [], structs in (). */
function valueText(type: ParamType, value: unknown): string {
  if (type.baseType === 'array' && type.arrayChildren) return `[${[...(value as Result)].map((v) => valueText(type.arrayChildren!, v)).join(', ')}]`;
  if (type.baseType === 'tuple' && type.components) return `(${type.components.map((c, i) => valueText(c, (value as Result)[i])).join(', ')})`;
  if (type.baseType === 'string') return JSON.stringify(value);
  return String(value);
}
