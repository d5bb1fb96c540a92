// A devnet state for benchmarks and reference gas figures: the genesis state with two funded Ethereum
// accounts (as test/helpers/fvm-harness.ts builds it), the builtin registry (EVM actor included), and
// messages from the first account prepared ahead (sequence, CBOR params, signed size) so that a
// benchmark times `applyMessage` alone. Signatures are not checked by `applyMessage` (mempool's job).

import { EAM_METHOD_CREATE_EXTERNAL, createBuiltinRegistry } from '../src/actors/index.ts';
import { EVM_METHOD_INVOKE_CONTRACT } from '../src/actors/evm/invoke-encoding.ts';
import { buildGenesisState } from '../src/chain/genesis-state.ts';
import { MemoryBlockstore, decodeCbor, encodeCbor, encodeSignedMessage } from '../src/ipld/index.ts';
import { ATTO_PER_FIL, Address, EAM_ACTOR_ID, ExitCode, SignatureType, blake2b256, ethAddressToFilecoinAddress, type Message } from '../src/primitives/index.ts';
import { StateTree } from '../src/state/index.ts';
import { applyMessage, type ActorRegistry, type ApplyResult, type ExecutionContext } from '../src/vm/index.ts';

export const SENDER = new Uint8Array(20).fill(0xa1);
export const OTHER = new Uint8Array(20).fill(0xb2);

/** A message ready to apply: the size is the signed message's, as a block would carry it. */
export interface PreparedMessage {
  message: Message;
  size: number;
}

export interface FevmChain {
  tree: StateTree;
  registry: ActorRegistry;
  context: ExecutionContext;
  /** Builds the sender's next message (sequences are handed out in order). */
  prepare(fields: Pick<Message, 'to' | 'method'> & Partial<Message>): PreparedMessage;
  apply(prepared: PreparedMessage): Promise<ApplyResult>;
  /** A message deploying `initcode` through the EAM (CreateExternal). */
  deployment(initcode: Uint8Array): PreparedMessage;
  /** Deploys `initcode`; answers the contract's actor id and the receipt. */
  deploy(initcode: Uint8Array): Promise<{ id: bigint; result: ApplyResult }>;
  /** A message calling InvokeContract on `contract` with `calldata`. */
  invoke(contract: bigint, calldata: Uint8Array, gasLimit?: number): PreparedMessage;
}

const DELEGATED_SIGNATURE = { type: SignatureType.DELEGATED, data: new Uint8Array(65) };

export function createFevmChain(): FevmChain {
  const store = new MemoryBlockstore();
  const balance = 1_000_000n * ATTO_PER_FIL;
  const genesis = buildGenesisState(store, { networkName: 'bench', accounts: [{ address: SENDER, balance }, { address: OTHER, balance }] });
  const tree = StateTree.load(store, genesis.stateRoot);
  const registry = createBuiltinRegistry();
  const context: ExecutionContext = {
    epoch: 1,
    timestamp: 1_700_000_000,
    baseFee: 100n,
    chainId: 31415926,
    networkVersion: 28,
    miner: genesis.minerId,
    beaconRandomness: (tag, epoch, entropy) => blake2b256(Uint8Array.from([tag, epoch & 0xff, ...entropy])),
    tipsetCid: () => undefined,
  };
  const from = ethAddressToFilecoinAddress(SENDER);
  let sequence = 0n;

  const chain: FevmChain = {
    tree,
    registry,
    context,
    prepare(fields) {
      const message: Message = {
        version: 0,
        from,
        sequence: sequence++,
        value: 0n,
        gasLimit: 100_000_000,
        gasFeeCap: 1_000n,
        gasPremium: 100n,
        params: new Uint8Array(0),
        ...fields,
      };
      return { message, size: encodeSignedMessage({ message, signature: DELEGATED_SIGNATURE }).length };
    },
    apply({ message, size }) {
      return applyMessage(tree, registry, context, message, { size });
    },
    deployment(initcode) {
      return chain.prepare({ to: Address.newId(EAM_ACTOR_ID), method: EAM_METHOD_CREATE_EXTERNAL, params: encodeCbor(initcode), gasLimit: 1_000_000_000 });
    },
    async deploy(initcode) {
      const result = await chain.apply(chain.deployment(initcode));
      if (result.receipt.exitCode !== ExitCode.OK) throw new Error(`deploy failed: ${result.failure}`);
      return { id: createdActorId(result), result };
    },
    invoke(contract, calldata, gasLimit) {
      return chain.prepare({ to: Address.newId(contract), method: EVM_METHOD_INVOKE_CONTRACT, params: encodeCbor(calldata), ...(gasLimit ? { gasLimit } : {}) });
    },
  };
  return chain;
}

/** The actor id in the return of a successful EAM Create*: `[actor id, robust address, eth address]`. */
export function createdActorId(result: ApplyResult): bigint {
  const [id] = decodeCbor<[number | bigint]>(result.receipt.returnData);
  return BigInt(id);
}
