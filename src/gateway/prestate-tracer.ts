// geth's prestateTracer (go-ethereum eth/tracers/native/prestate.go) over a traced FEVM message: the
// accounts and storage slots the message touched, as they were before it (and, in diffMode, what
// changed: `pre` keeps only the accounts that changed, `post` their new values). Touched means: the
// sender, the recipient, the miner (the tip's recipient, the coinbase's role on FEVM), every address a
// call or create reached, and what BALANCE, EXTCODE*, SELFDESTRUCT, SLOAD and SSTORE read. Values come
// from the state before and after the message (balance in attoFIL, nonce, runtime code, storage), read
// as eth_getBalance & co. read them; an account that was empty before is left out unless includeEmpty.

import type { Blockstore, CID } from '../ipld/index.ts';
import { toData, toHash, toQuantity } from '../eth/index.ts';
import { bytesToHex, hexToBytes, keccak256, uintToFixedBytes } from '../primitives/index.ts';
import { InvalidParamsError } from '../rpc/index.ts';
import type { ActorRegistry, StepListener } from '../vm/index.ts';
import { ethCalls, type EthCall } from './fevm-calls.ts';
import { StateReader } from './state-reader.ts';

export interface PrestateConfig {
  diffMode: boolean;
  disableCode: boolean;
  disableStorage: boolean;
  includeEmpty: boolean;
}

/** Addresses (hex) and the storage slots (hex words) the message touched. */
export type Touched = Map<string, Set<string>>;

const BALANCE = 0x31;
const EXTCODESIZE = 0x3b;
const EXTCODECOPY = 0x3c;
const EXTCODEHASH = 0x3f;
const SELFDESTRUCT = 0xff;
const SLOAD = 0x54;
const SSTORE = 0x55;
const ADDRESS_OPS = new Set([BALANCE, EXTCODESIZE, EXTCODECOPY, EXTCODEHASH, SELFDESTRUCT]);
const CALL_OPS = new Set([0xf1, 0xf4, 0xfa]);

export function parsePrestateConfig(config: Record<string, unknown>): PrestateConfig {
  const flag = (key: string) => {
    const value = config[key];
    if (value !== undefined && typeof value !== 'boolean') throw new InvalidParamsError(`invalid tracerConfig.${key}: expected true or false`);
    return value === true;
  };
  const parsed = { diffMode: flag('diffMode'), disableCode: flag('disableCode'), disableStorage: flag('disableStorage'), includeEmpty: flag('includeEmpty') };
  if (parsed.diffMode && parsed.includeEmpty) throw new InvalidParamsError('cannot use diffMode with includeEmpty');
  return parsed;
}

/** A step listener that notes what the EVM touched. */
export function createTouchCollector(): { onStep: StepListener; touched: Touched } {
  const touched: Touched = new Map();
  const onStep: StepListener = (step) => {
    const op = step.opcode.code;
    const stack = step.stack;
    const top = stack.length - 1;
    if ((op === SLOAD || op === SSTORE) && stack.length >= 1) touch(touched, step.address.bytes, word(stack[top]!));
    else if (ADDRESS_OPS.has(op) && stack.length >= 1) touch(touched, address(stack[top]!));
    else if (CALL_OPS.has(op) && stack.length >= 2) touch(touched, address(stack[top - 1]!));
  };
  return { onStep, touched };
}

export function touch(touched: Touched, address: Uint8Array, slot?: string): void {
  const key = bytesToHex(address);
  let slots = touched.get(key);
  if (!slots) touched.set(key, (slots = new Set()));
  if (slot !== undefined) slots.add(slot);
}

/** Adds every address of a call tree (senders, callees, new contracts). */
export function touchCalls(touched: Touched, root: EthCall): void {
  for (const call of ethCalls(root)) {
    touch(touched, call.from);
    if (call.to) touch(touched, call.to);
  }
}

/** An account as eth_getBalance & co. read it, with the storage slots asked for (hex words). */
export interface Account {
  balance: bigint;
  nonce: bigint;
  code: Uint8Array;
  storage: Map<string, string>;
}

export function readAccount(reader: StateReader, address: Uint8Array, slots: Set<string>): Account {
  return {
    balance: reader.balance(address),
    nonce: reader.nonce(address),
    code: reader.code(address),
    storage: new Map([...slots].map((slot) => [slot, word(reader.storage(address, BigInt(slot)))])),
  };
}

/** Nothing there: no balance, nonce, code or storage (what geth leaves out, Parity calls not alive). */
export function isEmptyAccount(account: Account): boolean {
  return account.nonce === 0n && account.code.length === 0 && account.balance === 0n && ![...account.storage.values()].some(isNonZero);
}

export interface PrestateInput {
  config: PrestateConfig;
  touched: Touched;
  store: Blockstore;
  registry: ActorRegistry;
  before: CID;
  after: CID;
}

/** The prestateTracer's answer. */
export function prestateJson(input: PrestateInput): Record<string, unknown> {
  const { config } = input;
  const pre = new StateReader(input.store, input.before, input.registry);
  const post = new StateReader(input.store, input.after, input.registry);
  const preJson: Record<string, unknown> = {};
  const postJson: Record<string, unknown> = {};
  for (const [key, slots] of input.touched) {
    const address = hexToBytes(key);
    const before = readAccount(pre, address, config.disableStorage ? new Set() : slots);
    const empty = isEmptyAccount(before);
    if (!config.diffMode) {
      if (!empty || config.includeEmpty) preJson[key] = accountJson(before, config);
      continue;
    }
    const after = readAccount(post, address, config.disableStorage ? new Set() : slots);
    const changed: Partial<Account> = {};
    if (after.balance !== before.balance) changed.balance = after.balance;
    if (after.nonce !== before.nonce) changed.nonce = after.nonce;
    if (!config.disableCode && bytesToHex(after.code) !== bytesToHex(before.code)) changed.code = after.code;
    const preStorage = new Map<string, string>();
    const postStorage = new Map<string, string>();
    for (const [slot, value] of before.storage) {
      const now = after.storage.get(slot)!;
      if (now === value) continue;
      if (isNonZero(value)) preStorage.set(slot, value);
      if (isNonZero(now)) postStorage.set(slot, now);
    }
    const storageChanged = [...before.storage].some(([slot, value]) => after.storage.get(slot) !== value);
    if (Object.keys(changed).length === 0 && !storageChanged) continue;
    postJson[key] = accountJson({ balance: changed.balance, nonce: changed.nonce, code: changed.code, storage: postStorage }, config, true);
    if (!empty) preJson[key] = accountJson({ ...before, storage: preStorage }, config);
  }
  return config.diffMode ? { post: postJson, pre: preJson } : preJson;
}

/** An account as geth writes it: balance, code, codeHash, nonce (left out when 0), storage (when any). */
function accountJson(account: Partial<Account>, config: PrestateConfig, diff = false): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  if (account.balance !== undefined) json.balance = toQuantity(account.balance);
  if (account.code !== undefined && !config.disableCode && (account.code.length > 0 || diff)) json.code = toData(account.code);
  if (account.code !== undefined && account.code.length > 0) json.codeHash = toHash(keccak256(account.code));
  if (account.nonce !== undefined && account.nonce !== 0n) json.nonce = Number(account.nonce);
  if (account.storage && account.storage.size > 0 && !config.disableStorage) json.storage = Object.fromEntries(account.storage);
  return json;
}

function word(value: bigint): string {
  return bytesToHex(uintToFixedBytes(value));
}

function address(value: bigint): Uint8Array {
  return uintToFixedBytes(value & ((1n << 160n) - 1n), 20);
}

export function isNonZero(hexWord: string): boolean {
  return /[1-9a-f]/.test(hexWord.slice(2));
}
