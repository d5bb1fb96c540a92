// Worker for the call-depth test: recursion 1024 sends deep needs more stack than a default thread has.

import { parentPort } from 'node:worker_threads';
import { decodeCbor } from '../../src/ipld/index.ts';
import { M_RECURSE, call, harness } from './probe-actor.ts';

const r = await call(harness(), M_RECURSE, 1);
parentPort!.postMessage({ exitCode: r.receipt.exitCode, depth: decodeCbor(r.receipt.returnData) });
