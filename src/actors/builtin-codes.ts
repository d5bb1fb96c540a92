// Code CIDs of the builtin actors on this devnet: identity CIDs of `fil/18/<name>` (FEVM-FACTS §2.1; the
// names are the manifest's, actors v18). Real networks use Wasm code CIDs; ours say what they are.

import { identityCid, type CID } from '../ipld/index.ts';
import { ActorType } from '../vm/index.ts';

export const ACTORS_VERSION = 18;

/** Manifest names by actor type (GST:manifest/manifest.go). */
export const MANIFEST_NAMES: Readonly<Record<ActorType, string>> = {
  [ActorType.System]: 'system',
  [ActorType.Init]: 'init',
  [ActorType.Cron]: 'cron',
  [ActorType.Account]: 'account',
  [ActorType.Power]: 'storagepower',
  [ActorType.Miner]: 'storageminer',
  [ActorType.Market]: 'storagemarket',
  [ActorType.PaymentChannel]: 'paymentchannel',
  [ActorType.Multisig]: 'multisig',
  [ActorType.Reward]: 'reward',
  [ActorType.VerifiedRegistry]: 'verifiedregistry',
  [ActorType.DataCap]: 'datacap',
  [ActorType.Placeholder]: 'placeholder',
  [ActorType.EVM]: 'evm',
  [ActorType.EAM]: 'eam',
  [ActorType.EthAccount]: 'ethaccount',
};

export function builtinCodeCid(type: ActorType): CID {
  return identityCid(`fil/${ACTORS_VERSION}/${MANIFEST_NAMES[type]}`);
}

/** Every builtin actor type with its code CID, in type order (the manifest's data list). */
export function builtinManifestEntries(): [string, CID][] {
  return (Object.keys(MANIFEST_NAMES).map(Number) as ActorType[]).map((t) => [MANIFEST_NAMES[t], builtinCodeCid(t)]);
}
