// Hardhat's console.log address (hardhat/console.sol, forge-std's console.sol): a STATICCALL to it is
// debug output. Nothing lives there, on FEVM as on Ethereum: the call runs as it would anyway (an empty
// success), and its calldata is handed to the VM for the node's log (call-intercept.ts).

/** 0x000000000000000000636F6e736F6c652e6c6f67: "console.log" in ASCII. */
export const CONSOLE_ADDRESS = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0x63, 0x6f, 0x6e, 0x73, 0x6f, 0x6c, 0x65, 0x2e, 0x6c, 0x6f, 0x67]);

export function isConsoleAddress(eth: Uint8Array): boolean {
  // The last byte first: one comparison for almost every other address.
  if (eth.length !== 20 || eth[19] !== 0x67) return false;
  for (let i = 0; i < 19; i++) if (eth[i] !== CONSOLE_ADDRESS[i]) return false;
  return true;
}
