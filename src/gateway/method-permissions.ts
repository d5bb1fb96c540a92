// The permission every served method needs (rpc/permission.ts), in one table beside ethMethods, where
// the methods are registered; a unit test checks that each registered method is listed. Lotus's
// classes where Lotus serves the method (api/api_full.go's `//perm:` tags: reads, EthSendRawTransaction
// included, are 'read'; MpoolPush is 'write'). The development methods, which Lotus has not: those that
// change the chain or the node are 'write'; those that sign with the development accounts' keys are
// 'sign'; those that replace or export the whole chain are 'admin'; those that only report are 'read'.
// Off loopback, a caller without a token holds 'read' only (docs/security.md).

import type { Permission } from '../rpc/index.ts';

const READ = [
  'eth_chainId', 'net_version', 'net_listening', 'web3_clientVersion', 'web3_sha3', 'eth_protocolVersion', 'eth_syncing',
  'eth_blockNumber', 'eth_getBalance', 'eth_getTransactionCount', 'eth_getCode', 'eth_getStorageAt', 'eth_call',
  'eth_estimateGas', 'eth_gasPrice', 'eth_maxPriorityFeePerGas', 'eth_baseFee', 'eth_feeHistory',
  // Signed by its sender: the signature is the authority (Lotus: perm:read).
  'eth_sendRawTransaction',
  'eth_getTransactionByHash', 'eth_getTransactionReceipt', 'eth_getBlockByNumber', 'eth_getBlockByHash',
  'eth_getBlockReceipts', 'eth_getBlockTransactionCountByNumber', 'eth_getBlockTransactionCountByHash',
  'eth_getTransactionByBlockNumberAndIndex', 'eth_getTransactionByBlockHashAndIndex', 'eth_getLogs',
  'eth_newFilter', 'eth_newBlockFilter', 'eth_newPendingTransactionFilter', 'eth_getFilterChanges', 'eth_getFilterLogs',
  'eth_uninstallFilter', 'eth_subscribe', 'eth_unsubscribe',
  'trace_block', 'trace_replayBlockTransactions', 'trace_transaction', 'trace_filter', 'trace_call',
  'debug_traceTransaction', 'debug_traceBlockByNumber', 'debug_traceBlockByHash', 'debug_traceCall',
  'Filecoin.EthAddressToFilecoinAddress', 'Filecoin.FilecoinAddressToEthAddress', 'Filecoin.EthGetMessageCidByTransactionHash',
  'Filecoin.EthGetTransactionHashByCid', 'Filecoin.ChainHead', 'Filecoin.ChainGetTipSetByHeight', 'Filecoin.StateNetworkName',
  'Filecoin.ChainGetBlock', 'Filecoin.StateNetworkVersion', 'Filecoin.WalletBalance', 'Filecoin.MpoolGetNonce',
  'Filecoin.StateLookupID', 'Filecoin.GetActorEventsRaw', 'Filecoin.StateLookupRobustAddress', 'Filecoin.StateGetActor',
  // Development methods that only report.
  'eth_accounts', 'hardhat_getAutomine', 'anvil_getAutomine', 'hardhat_metadata', 'anvil_nodeInfo',
] as const;

const WRITE = [
  'Filecoin.MpoolPush',
  'hardhat_setPrevRandao', 'hardhat_setBalance', 'hardhat_setCode', 'hardhat_setNonce', 'hardhat_setStorageAt',
  'hardhat_setNextBlockBaseFeePerGas', 'anvil_setBalance', 'anvil_setCode', 'anvil_setNonce', 'anvil_setStorageAt',
  'anvil_setNextBlockBaseFeePerGas', 'evm_snapshot', 'evm_revert', 'hardhat_impersonateAccount',
  'hardhat_stopImpersonatingAccount', 'hardhat_dropTransaction', 'anvil_impersonateAccount', 'anvil_stopImpersonatingAccount',
  'anvil_dropTransaction', 'evm_mine', 'hardhat_mine', 'anvil_mine', 'evm_setAutomine', 'evm_setIntervalMining',
  'evm_increaseTime', 'evm_setNextBlockTimestamp', 'anvil_setTime', 'hardhat_addCompilationResult',
] as const;

/** Signs with the development accounts' private keys (or an impersonated account's standing). */
const SIGN = ['eth_sign', 'personal_sign', 'eth_signTypedData_v4', 'eth_sendTransaction', 'eth_signTransaction'] as const;

/** Replaces or exports the whole chain. */
const ADMIN = ['hardhat_reset', 'anvil_reset', 'anvil_dumpState', 'anvil_loadState'] as const;

export const METHOD_PERMISSIONS: Readonly<Record<string, Permission>> = Object.freeze(
  Object.fromEntries([
    ...READ.map((m) => [m, 'read'] as const),
    ...WRITE.map((m) => [m, 'write'] as const),
    ...SIGN.map((m) => [m, 'sign'] as const),
    ...ADMIN.map((m) => [m, 'admin'] as const),
  ]),
);
