// Types of `fevm-devnet/hardhat` (index.js): the Hardhat 3 plugin and its client-version rewrite.
import type { HardhatPlugin } from 'hardhat/types/plugins';

declare const fevmDevnetPlugin: HardhatPlugin;
export default fevmDevnetPlugin;

/** Whether a web3_clientVersion answer comes from fevm-devnet (`fevm-devnet/<release>`). */
export declare function isFevmDevnetClientVersion(clientVersion: unknown): clientVersion is string;
/** `hardhat-compatible (fevm-devnet/<release>)`: what the plugin answers instead. */
export declare function developmentClientVersion(clientVersion: string): string;
/** `FEVM_DEVNET_IN_PROCESS`: a network url `configVariable` of this name gets a devnet started inside Hardhat. */
export declare const IN_PROCESS_VARIABLE: 'FEVM_DEVNET_IN_PROCESS';
