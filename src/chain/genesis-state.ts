// The genesis state tree (FEVM-FACTS §3.1, §6.1; LOTUS:chain/gen/genesis): singletons at their ids,
// development accounts as EthAccounts with their f410 addresses from id 100, native f1 accounts after
// them, the init actor's next id forced to 1000, one miner at f01000, the EthAccount at eth 0x0 that
// eth_call without `from` uses, and the rest of the 2 billion FIL supply in the reserve account f090.
// Deterministic: the same configuration always gives the same state root.

import { builtinCodeCid, builtinManifestEntries } from '../actors/index.ts';
import { Hamt, putCbor, type Blockstore, type CID } from '../ipld/index.ts';
import { ATTO_PER_FIL, Address, FatalError, ethAddressToFilecoinAddress, type EthAddress } from '../primitives/index.ts';
import { INIT_HAMT_BIT_WIDTH, StateTree, createActorState, putInitState, type ActorState } from '../state/index.ts';
import { ActorType } from '../vm/index.ts';

export const TOTAL_FIL_SUPPLY = 2_000_000_000n * ATTO_PER_FIL;
export const FIRST_ACCOUNT_ID = 100n;
export const FIRST_MINER_ID = 1000n;
export const RESERVE_ACCOUNT_ID = 90n;
export const BURNT_FUNDS_ID = 99n;
export const EAM_ID = 10n;

export interface GenesisAccount {
  /** An Ethereum account (EthAccount actor with an f410 address) or a native key address (Account actor). */
  address: EthAddress | Address;
  balance: bigint;
}

export interface GenesisConfig {
  networkName: string;
  accounts: GenesisAccount[];
}

export interface GenesisState {
  stateRoot: CID;
  minerId: bigint;
  /** Id of the EthAccount at eth 0x0. */
  zeroAddressId: bigint;
  /** Ids of `config.accounts`, in order. */
  accountIds: bigint[];
}

const SINGLETONS: [bigint, ActorType][] = [
  [2n, ActorType.Reward],
  [3n, ActorType.Cron],
  [4n, ActorType.Power],
  [5n, ActorType.Market],
  [6n, ActorType.VerifiedRegistry],
  [7n, ActorType.DataCap],
  [EAM_ID, ActorType.EAM],
];

export function buildGenesisState(store: Blockstore, config: GenesisConfig): GenesisState {
  const tree = StateTree.create(store);
  const addressMap = Hamt.create(store, { bitWidth: INIT_HAMT_BIT_WIDTH });
  const put = (id: bigint, actor: ActorState) => tree.setActor(id, actor);

  const manifestData = putCbor(store, builtinManifestEntries());
  put(0n, { ...createActorState(builtinCodeCid(ActorType.System)), head: putCbor(store, [manifestData]) });
  for (const [id, type] of SINGLETONS) put(id, createActorState(builtinCodeCid(type)));
  put(BURNT_FUNDS_ID, accountActor(store, Address.newId(BURNT_FUNDS_ID), 0n));

  let allocated = 0n;
  let nextId = FIRST_ACCOUNT_ID;
  const accountIds: bigint[] = [];
  for (const account of config.accounts) {
    const id = nextId++;
    if (account.address instanceof Address) {
      addressMap.set(account.address.bytes, id);
      put(id, accountActor(store, account.address, account.balance));
    } else {
      const f410 = ethAddressToFilecoinAddress(account.address);
      addressMap.set(f410.bytes, id);
      put(id, { ...createActorState(builtinCodeCid(ActorType.EthAccount), f410), balance: account.balance });
    }
    accountIds.push(id);
    allocated += account.balance;
  }
  if (nextId > FIRST_MINER_ID) throw new FatalError(`too many genesis accounts: at most ${FIRST_MINER_ID - FIRST_ACCOUNT_ID}`);
  if (allocated > TOTAL_FIL_SUPPLY) throw new FatalError('genesis accounts hold more than the 2 billion FIL supply');

  const minerId = FIRST_MINER_ID;
  put(minerId, createActorState(builtinCodeCid(ActorType.Miner)));
  const zeroAddressId = minerId + 1n;
  const zero = ethAddressToFilecoinAddress(new Uint8Array(20));
  addressMap.set(zero.bytes, zeroAddressId);
  put(zeroAddressId, createActorState(builtinCodeCid(ActorType.EthAccount), zero));

  put(RESERVE_ACCOUNT_ID, accountActor(store, Address.newId(RESERVE_ACCOUNT_ID), TOTAL_FIL_SUPPLY - allocated));
  const initHead = putInitState(store, { addressMap: addressMap.flush(), nextId: zeroAddressId + 1n, networkName: config.networkName });
  put(1n, { ...createActorState(builtinCodeCid(ActorType.Init)), head: initHead });
  return { stateRoot: tree.flush(), minerId, zeroAddressId, accountIds };
}

function accountActor(store: Blockstore, key: Address, balance: bigint): ActorState {
  return { ...createActorState(builtinCodeCid(ActorType.Account)), head: putCbor(store, [key.bytes]), balance };
}

