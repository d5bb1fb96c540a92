// Types of bin/sources.js (plain JavaScript): where the commands load the devnet's code from.

/** dist/build-stamp.json, relative to the package folder. */
export declare const BUILD_STAMP: string;
/** The URL of module `name` under dist/ when that is current, else under src/ (then `typescript`). */
export declare function sourceModule(name: string, root?: string): { url: string; typescript: boolean };
/** dist/ is complete and nothing in src/ (tests aside) changed since its build started. */
export declare function distIsCurrent(root?: string): boolean;
