// Solidity's console.log (hardhat/console.sol, forge-std's console.sol): the calldata of a call to the
// console address, decoded and formatted as Hardhat 3 prints it (its edr/utils/console-logger.js):
// every argument becomes a string (numbers in decimal, addresses and bytes as lowercase 0x-hex, bools
// as true/false), `%d` and `%i` in the first argument become `%s` (numbers may not fit a JavaScript
// number), then node's util.format: printf-style %s/%d/%i/%o/%j substitution, and extra arguments
// joined with spaces. What the call was for (which contract, which transaction) is the caller's.

import { formatWithOptions } from 'node:util';
import { bytesToHex, keccak256, loadEthers } from '../primitives/index.ts';

/** The argument types console.sol's `log` overloads take up to four of. */
const MULTI_ARGUMENT_TYPES = ['uint256', 'string', 'bool', 'address'];
/** One-argument overloads beyond those: logInt, logBytes, logBytes1..logBytes32. */
const SINGLE_ARGUMENT_TYPES = ['int256', 'bytes', ...Array.from({ length: 32 }, (_, i) => `bytes${i + 1}`)];

let signatures: Map<number, readonly string[]> | undefined;

/**
 * Selector → argument types of every console.sol overload: `log()`, `log(T1..T4)` over uint256, string,
 * bool and address, and the one-argument int256, bytes and bytesN (all called `log` in the calldata).
 * Also the selectors of console.sol's first versions, which spelled uint256 and int256 as uint and int.
 */
export function consoleLogSignatures(): ReadonlyMap<number, readonly string[]> {
  if (signatures) return signatures;
  const table = new Map<number, readonly string[]>();
  const add = (types: string[]) => {
    for (const spelling of new Set([types.join(','), types.map(legacySpelling).join(',')])) {
      const selector = keccak256(new TextEncoder().encode(`log(${spelling})`));
      table.set(((selector[0]! << 24) | (selector[1]! << 16) | (selector[2]! << 8) | selector[3]!) >>> 0, types);
    }
  };
  add([]);
  for (const type of [...MULTI_ARGUMENT_TYPES, ...SINGLE_ARGUMENT_TYPES]) add([type]);
  let lists = MULTI_ARGUMENT_TYPES.map((t) => [t]);
  for (let count = 2; count <= 4; count++) {
    lists = lists.flatMap((list) => MULTI_ARGUMENT_TYPES.map((t) => [...list, t]));
    for (const list of lists) add(list);
  }
  signatures = table;
  return table;
}

function legacySpelling(type: string): string {
  return type === 'uint256' ? 'uint' : type === 'int256' ? 'int' : type;
}

/** The arguments of a console.log call as strings, or undefined when the calldata is no console.log call. */
export function decodeConsoleLogArguments(calldata: Uint8Array): string[] | undefined {
  if (calldata.length < 4) return undefined;
  const selector = ((calldata[0]! << 24) | (calldata[1]! << 16) | (calldata[2]! << 8) | calldata[3]!) >>> 0;
  const types = consoleLogSignatures().get(selector);
  if (!types) return undefined;
  let values: unknown[];
  try {
    values = [...loadEthers().AbiCoder.defaultAbiCoder().decode(types, calldata.subarray(4))];
  } catch {
    return undefined;
  }
  return values.map((value, i) => argumentText(types[i]!, value));
}

function argumentText(type: string, value: unknown): string {
  if (type === 'address') return (value as string).toLowerCase();
  if (type === 'string') return value as string;
  return typeof value === 'string' ? value.toLowerCase() : String(value);
}

/**
 * The line a console.log call prints, as Hardhat prints it; undecodable calldata is shown as hex.
 *
 * @example
 * formatConsoleLog(new Interface(['function log(string,uint256)']).encodeFunctionData('log', ['balance %d', 7n]))
 * // 'balance 7'
 */
export function formatConsoleLog(calldata: Uint8Array): string {
  const args = decodeConsoleLogArguments(calldata);
  if (args === undefined) return `(undecodable console.log call ${bytesToHex(calldata)})`;
  if (args.length > 0) args[0] = args[0]!.replace(/((?<!%)(?:%%)*)(%[di])/g, '$1%s');
  return formatWithOptions({ colors: false }, ...args);
}
