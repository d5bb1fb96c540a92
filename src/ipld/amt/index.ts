// The AMT (FEVM-FACTS §2.6): Filecoin's array mapped trie, v3 and legacy v0 roots. Public API only;
// node layout and walks stay internal.

export { Amt } from './amt.ts';
export { AmtError, type AmtErrorReason } from './amt-error.ts';
export { AMT_MAX_INDEX } from './amt-index.ts';
export { AMT_DEFAULT_BIT_WIDTH, AMT_MAX_BIT_WIDTH, type AmtOptions, type AmtVersion } from './amt-root.ts';
