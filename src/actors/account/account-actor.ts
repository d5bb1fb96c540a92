// The account actor (BA:actors/account): f1/f3 key accounts and the burnt-funds account f099. State
// `[address]` (the key address). Methods: Constructor (system only), PubkeyAddress (2), AuthenticateMessage
// (FRC-42, verifies a signature by the account's key), and any other exported method (≥ 2^24) succeeds
// with no data, so contracts can send value to accounts.

import { decodeCbor, encodeCbor, putCbor, getCbor } from '../../ipld/index.ts';
import { Address, ExitCode, FIRST_EXPORTED_METHOD_NUMBER, Protocol, frc42MethodNumber } from '../../primitives/index.ts';
import { ActorError, ActorType, CBOR, METHOD_CONSTRUCTOR, SYSTEM_ACTOR_ID, decodeParams, type ActorCode } from '../../vm/index.ts';
import { requireCallerId, unhandled } from '../caller-checks.ts';

export const ACCOUNT_METHOD_PUBKEY_ADDRESS = 2;
export const ACCOUNT_METHOD_AUTHENTICATE_MESSAGE = frc42MethodNumber('AuthenticateMessage');

export const accountActor: ActorCode = {
  name: 'account',
  type: ActorType.Account,
  invoke(rt, method, params) {
    switch (method) {
      case METHOD_CONSTRUCTOR: {
        requireCallerId(rt, SYSTEM_ACTOR_ID, 'account constructor');
        const raw = decodeParams<unknown>(params, 'account constructor');
        if (!(raw instanceof Uint8Array)) throw new ActorError(ExitCode.USR_ILLEGAL_ARGUMENT, 'account constructor takes an address');
        const address = Address.fromBytes(raw);
        if (address.protocol !== Protocol.SECP256K1 && address.protocol !== Protocol.BLS) {
          throw new ActorError(ExitCode.USR_ILLEGAL_ARGUMENT, `address must be a key address (f1 or f3), got ${address}`);
        }
        rt.setStateRoot(putCbor(rt.store, [address.bytes]));
        return null;
      }
      case ACCOUNT_METHOD_PUBKEY_ADDRESS: {
        const [address] = getCbor<[Uint8Array]>(rt.store, rt.getStateRoot());
        return { codec: CBOR, data: encodeCbor(address) };
      }
      case ACCOUNT_METHOD_AUTHENTICATE_MESSAGE: {
        const [signature, message] = decodeParams<unknown[]>(params, 'AuthenticateMessage');
        if (!(signature instanceof Uint8Array) || !(message instanceof Uint8Array)) {
          throw new ActorError(ExitCode.USR_SERIALIZATION, 'AuthenticateMessage takes [signature, message]');
        }
        const [address] = getCbor<[Uint8Array]>(rt.store, rt.getStateRoot());
        if (!rt.verifySignature(signature, Address.fromBytes(address), message)) {
          throw new ActorError(ExitCode.USR_ILLEGAL_ARGUMENT, 'signature does not authenticate the message');
        }
        return { codec: CBOR, data: encodeCbor(true) };
      }
      default:
        if (method >= FIRST_EXPORTED_METHOD_NUMBER) return null;
        return unhandled('account', method);
    }
  },
};

/** The key address an account actor holds in its state. */
export function accountStateAddress(stateBytes: Uint8Array): Address {
  const [address] = decodeCbor<[Uint8Array]>(stateBytes);
  return Address.fromBytes(address);
}
