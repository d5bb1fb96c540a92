// The mempool's public face (issue "The chain"; FEVM-FACTS §6.6): the pool, the state it reads, its
// limits and its refusals. The sender queue is an internal detail.

export * from './errors.ts';
export { MAX_MESSAGE_GAS_LIMIT, MAX_MESSAGE_SIZE, MIN_GAS_FEE_CAP, checkMessage, maxCost } from './check-message.ts';
export * from './mempool.ts';
