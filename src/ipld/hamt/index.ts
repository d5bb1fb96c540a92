// HAMT v3: public API.
export { Hamt, HAMT_BUCKET_SIZE, HAMT_DEFAULT_BIT_WIDTH, type HamtOptions } from './hamt.ts';
