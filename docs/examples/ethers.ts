// docs/ethers-viem.md, ethers v6: connect, read, send FIL, deploy and call a contract, read its event,
// and see an address's Filecoin forms. Run: FEVM_RPC_URL=http://127.0.0.1:1234/rpc/v1 node docs/examples/ethers.ts
import { ContractFactory, JsonRpcProvider, Wallet, formatEther, parseEther } from 'ethers';
import solc from 'solc';

const url = process.env.FEVM_RPC_URL ?? 'http://127.0.0.1:1234/rpc/v1';
// cacheTimeout -1: ethers otherwise reuses answers for 250 ms, stale on a devnet that mines at once.
const provider = new JsonRpcProvider(url, 31415926, { staticNetwork: true, cacheTimeout: -1, pollingInterval: 100 });
const alice = new Wallet('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80', provider); // development account 0

console.log('chain id', (await provider.getNetwork()).chainId);
console.log('alice has', formatEther(await provider.getBalance(alice.address)), 'tFIL');

// Send FIL to a fresh address: the devnet creates a Placeholder actor for it, as Filecoin does.
const bob = Wallet.createRandom().address;
await (await alice.sendTransaction({ to: bob, value: parseEther('1.5') })).wait();
console.log('bob has', formatEther(await provider.getBalance(bob)), 'tFIL');
console.log('bob on Filecoin is', await provider.send('Filecoin.EthAddressToFilecoinAddress', [bob]));

// A contract compiled with the npm solc package (offline), for FEVM's opcode set (cancun).
const source = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract Store {
    event Stored(uint256 value);
    uint256 public value;
    function store(uint256 v) external { value = v; emit Stored(v); }
}`;
const input = { language: 'Solidity', sources: { 'Store.sol': { content: source } }, settings: { evmVersion: 'cancun', outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } } };
const { abi, evm } = JSON.parse(solc.compile(JSON.stringify(input))).contracts['Store.sol'].Store;
const bytecode = `0x${evm.bytecode.object}`;
const store = await new ContractFactory(abi, bytecode, alice).deploy();
await store.waitForDeployment();
const receipt = await (await store.getFunction('store')(42n)).wait();
console.log('stored', await store.getFunction('value')(), 'at', await store.getAddress());
console.log('event', store.interface.parseLog(receipt!.logs[0]!)!.args.value);
console.log('gas used', receipt!.gasUsed, '(Filecoin gas)');
provider.destroy();
