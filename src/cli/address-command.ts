// `fevm-devnet address <addr>`: every form an address has, or one line saying what is wrong.
// Accepts 0x Ethereum addresses and f/t Filecoin addresses of every protocol (FEVM-FACTS §1). Pure
// conversion: an f1/f2/f3 address has an Ethereum form only once it has an actor id on a chain, which
// this command does not look up.

import {
  Address,
  AddressError,
  Protocol,
  bytesToHex,
  ethAddressToFilecoinAddress,
  ethAddressToHex,
  filecoinAddressToEthAddress,
  isEthAddress,
  parseAddress,
  parseEthAddress,
} from '../primitives/index.ts';

export interface CommandOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Lines describing `input`; throws AddressError when it is not an address. */
export function describeAddress(input: string): string[] {
  const text = input.trim();
  const address = /^0x/i.test(text) ? ethAddressToFilecoinAddress(parseEthAddress(text)) : parseAddress(text).address;
  const rows: [string, string][] = [];
  if (address.protocol === Protocol.ID || isEthAddress(address)) {
    rows.push(['eth', ethAddressToHex(filecoinAddressToEthAddress(address))]);
  }
  rows.push(['mainnet', address.toString('f')], ['testnet', address.toString('t')]);
  rows.push(['protocol', protocolName(address)]);
  if (address.protocol === Protocol.ID) rows.push(['actor id', address.id.toString()]);
  rows.push(['bytes', bytesToHex(address.bytes)]);
  if (address.protocol !== Protocol.ID && !isEthAddress(address)) {
    rows.push(['eth', 'none: only f0 and f410 addresses have one (an actor id gives a masked-ID 0xff… address)']);
  }
  return rows.map(([k, v]) => `${k.padEnd(9)} ${v}`);
}

function protocolName(address: Address): string {
  switch (address.protocol) {
    case Protocol.ID:
      return 'ID (f0)';
    case Protocol.SECP256K1:
      return 'secp256k1 (f1)';
    case Protocol.ACTOR:
      return 'actor (f2)';
    case Protocol.BLS:
      return 'BLS (f3)';
    case Protocol.DELEGATED:
      return isEthAddress(address) ? 'delegated (f410, Ethereum)' : `delegated (f4, namespace ${address.namespace})`;
  }
}

export function addressCommand(args: string[], io: CommandOutput): number {
  if (args.length !== 1) {
    io.err('usage: fevm-devnet address <0x… | f0… | f1… | f2… | f3… | f4… | t…>');
    return 1;
  }
  try {
    for (const line of describeAddress(args[0]!)) io.out(line);
    return 0;
  } catch (error) {
    if (error instanceof AddressError) {
      io.err(`not an address: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
