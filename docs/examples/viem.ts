// docs/ethers-viem.md, viem: a chain definition for the devnet, then read, send FIL, deploy and call a
// contract and read its events. Run: FEVM_RPC_URL=http://127.0.0.1:1234/rpc/v1 node docs/examples/viem.ts
import { createPublicClient, createWalletClient, defineChain, formatEther, http, parseEther, parseAbi } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import solc from 'solc';

const url = process.env.FEVM_RPC_URL ?? 'http://127.0.0.1:1234/rpc/v1';
export const fevmDevnet = defineChain({
  id: 31415926,
  name: 'fevm-devnet',
  nativeCurrency: { name: 'testnet FIL', symbol: 'tFIL', decimals: 18 },
  rpcUrls: { default: { http: [url] } },
});
const account = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'); // development account 0
const publicClient = createPublicClient({ chain: fevmDevnet, transport: http(), pollingInterval: 100 });
const walletClient = createWalletClient({ chain: fevmDevnet, transport: http(), account });

console.log('block', await publicClient.getBlockNumber());
console.log('account 0 has', formatEther(await publicClient.getBalance({ address: account.address })), 'tFIL');

const bob = privateKeyToAccount(generatePrivateKey()).address;
await publicClient.waitForTransactionReceipt({ hash: await walletClient.sendTransaction({ to: bob, value: parseEther('2') }) });
console.log('bob has', formatEther(await publicClient.getBalance({ address: bob })), 'tFIL');

const source = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract Store {
    event Stored(uint256 value);
    uint256 public value;
    function store(uint256 v) external { value = v; emit Stored(v); }
}`;
const input = { language: 'Solidity', sources: { 'Store.sol': { content: source } }, settings: { evmVersion: 'cancun', outputSelection: { '*': { '*': ['evm.bytecode.object'] } } } };
const bytecode = `0x${JSON.parse(solc.compile(JSON.stringify(input))).contracts['Store.sol'].Store.evm.bytecode.object}` as const;
const abi = parseAbi(['event Stored(uint256 value)', 'function value() view returns (uint256)', 'function store(uint256 v)']);

const deployed = await publicClient.waitForTransactionReceipt({ hash: await walletClient.deployContract({ abi, bytecode }) });
const address = deployed.contractAddress!;
await publicClient.waitForTransactionReceipt({ hash: await walletClient.writeContract({ address, abi, functionName: 'store', args: [7n] }) });
console.log('stored', await publicClient.readContract({ address, abi, functionName: 'value' }), 'at', address);
const events = await publicClient.getContractEvents({ address, abi, eventName: 'Stored', fromBlock: 0n });
console.log('events', events.map((e) => e.args.value));
