// The mempool as a sender sees it: which messages it takes and which it refuses (and with which words),
// replace-by-fee, the next nonce for `pending`, what goes into the next tipset and in which order, and
// what is forgotten after a tipset.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AlreadyKnownError,
  FeeCapTooLowError,
  GasLimitError,
  GasLimitTooLowError,
  InsufficientFundsError,
  MAX_MESSAGE_SIZE,
  Mempool,
  MessageRejectedError,
  MessageTooLargeError,
  NegativeAmountError,
  NonceGapError,
  NonceTooLowError,
  PremiumAboveFeeCapError,
  ReplacementUnderpricedError,
  TooManyPendingError,
  type SenderState,
  type SenderStateLookup,
} from '../../../../src/chain/mempool/index.ts';
import { encodeSignedMessage, signedMessageCid } from '../../../../src/ipld/index.ts';
import { prices } from '../../../../src/vm/index.ts';
import {
  Address,
  InvalidInputError,
  SignatureType,
  ethAddressToFilecoinAddress,
  type Message,
  type SignedMessage,
} from '../../../../src/primitives/index.ts';

const ALICE = ethAddressToFilecoinAddress(new Uint8Array(20).fill(0x11));
const BOB = ethAddressToFilecoinAddress(new Uint8Array(20).fill(0x22));
const CAROL = Address.fromBytes(Uint8Array.from([1, ...new Uint8Array(20).fill(0x33)]));
const RICH = 10n ** 24n;

function msg(from: Address, sequence: bigint, fields: Partial<Message> = {}): SignedMessage {
  const message: Message = {
    version: 0,
    to: BOB,
    from,
    sequence,
    value: 0n,
    gasLimit: 1_000_000,
    gasFeeCap: 1_000n,
    gasPremium: 100n,
    method: 0,
    params: new Uint8Array(0),
    ...fields,
  };
  return { message, signature: { type: SignatureType.DELEGATED, data: new Uint8Array(65) } };
}

/** Chain state: every sender listed; others unknown (sequence 0, balance 0). */
function state(entries: [Address, Partial<SenderState>][]): SenderStateLookup {
  const map = new Map(entries.map(([a, s]) => [a.key(), { sequence: 0n, balance: RICH, ...s }]));
  return (from) => map.get(from.key());
}

const everyoneRich = state([
  [ALICE, {}],
  [BOB, {}],
  [CAROL, {}],
]);

function refuses(pool: Mempool, signed: SignedMessage, lookup: SenderStateLookup, kind: new (...args: never[]) => Error, message: RegExp): void {
  const before = pool.pending();
  assert.throws(
    () => pool.add(signed, lookup),
    (err: unknown) => {
      assert.ok(err instanceof kind, `expected ${kind.name}, got ${String(err)}`);
      assert.ok(err instanceof MessageRejectedError && err instanceof InvalidInputError);
      assert.match(err.message, message);
      return true;
    },
  );
  assert.deepEqual(pool.pending(), before, 'a refused message changes nothing');
}

const nonces = (messages: SignedMessage[]) => messages.map((m) => `${m.message.from.equals(ALICE) ? 'A' : m.message.from.equals(BOB) ? 'B' : 'C'}${m.message.sequence}`);

describe('mempool: nonces', () => {
  it('accepts nonces up to 4 ahead of the next nonce, in any order, and keeps them in nonce order', () => {
    const pool = new Mempool();
    pool.add(msg(ALICE, 4n), everyoneRich);
    refuses(pool, msg(ALICE, 5n), everyoneRich, NonceGapError, /^nonce gap too large: next nonce 0, tx nonce 5, at most 4 ahead allowed$/);
    for (const n of [2n, 0n, 3n, 1n]) pool.add(msg(ALICE, n), everyoneRich);
    assert.deepEqual(nonces(pool.pendingFor(ALICE)), ['A0', 'A1', 'A2', 'A3', 'A4']);
    assert.equal(pool.pendingNonce(ALICE, everyoneRich), 5n);
    // The contiguous run moved the next nonce to 5, so 9 is now within reach and 10 is not.
    pool.add(msg(ALICE, 9n), everyoneRich);
    refuses(pool, msg(ALICE, 10n), everyoneRich, NonceGapError, /next nonce 5, tx nonce 10/);
  });

  it('counts the gap from the on-chain sequence', () => {
    const pool = new Mempool();
    const chain = state([[ALICE, { sequence: 3n }]]);
    pool.add(msg(ALICE, 7n), chain);
    refuses(pool, msg(ALICE, 8n), chain, NonceGapError, /next nonce 3, tx nonce 8/);
  });

  it('refuses a nonce already used on chain, in geth\'s words', () => {
    const pool = new Mempool();
    const chain = state([[ALICE, { sequence: 5n }]]);
    refuses(pool, msg(ALICE, 4n), chain, NonceTooLowError, /^nonce too low: next nonce 5, tx nonce 4$/);
    pool.add(msg(ALICE, 5n), chain);
  });

  it('takes the option of a smaller nonce gap', () => {
    const pool = new Mempool({ maxNonceGap: 0 });
    refuses(pool, msg(ALICE, 1n), everyoneRich, NonceGapError, /next nonce 0, tx nonce 1, at most 0 ahead/);
    pool.add(msg(ALICE, 0n), everyoneRich);
    pool.add(msg(ALICE, 1n), everyoneRich);
  });

  it('pendingNonce: on-chain sequence plus the contiguous pending run', () => {
    const pool = new Mempool();
    const chain = state([[ALICE, { sequence: 3n }]]);
    assert.equal(pool.pendingNonce(ALICE, chain), 3n);
    assert.equal(pool.pendingNonce(BOB, () => undefined), 0n, 'an unknown sender starts at 0');
    for (const n of [3n, 4n, 6n]) pool.add(msg(ALICE, n), chain);
    assert.equal(pool.pendingNonce(ALICE, chain), 5n);
  });
});

describe('mempool: replace-by-fee', () => {
  it('replaces at exactly 1.25 × the premium and refuses just below', () => {
    const pool = new Mempool();
    const first = msg(ALICE, 0n, { gasPremium: 1_000n, gasFeeCap: 10_000n });
    const firstCid = pool.add(first, everyoneRich);
    refuses(
      pool,
      msg(ALICE, 0n, { gasPremium: 1_249n, gasFeeCap: 10_000n }),
      everyoneRich,
      ReplacementUnderpricedError,
      /^replacement transaction underpriced: gas premium 1249, the pending message's is 1000, a replacement needs at least 1250/,
    );
    const second = msg(ALICE, 0n, { gasPremium: 1_250n, gasFeeCap: 10_000n });
    const secondCid = pool.add(second, everyoneRich);
    assert.equal(pool.size, 1);
    assert.equal(pool.has(firstCid), false);
    assert.deepEqual(pool.get(secondCid), second);
    assert.deepEqual(pool.pendingFor(ALICE), [second]);
  });

  it('rounds the needed premium up, with integer math', () => {
    const pool = new Mempool();
    pool.add(msg(ALICE, 0n, { gasPremium: 101n }), everyoneRich);
    // 1.25 × 101 = 126.25: 126 is too little.
    refuses(pool, msg(ALICE, 0n, { gasPremium: 126n }), everyoneRich, ReplacementUnderpricedError, /needs at least 127/);
    pool.add(msg(ALICE, 0n, { gasPremium: 127n }), everyoneRich);
  });

  it('refuses the very same message twice', () => {
    const pool = new Mempool();
    const m = msg(ALICE, 0n);
    const cid = pool.add(m, everyoneRich);
    refuses(pool, m, everyoneRich, AlreadyKnownError, new RegExp(`^already known: message ${cid.toString()}`));
  });
});

describe('mempool: fees, gas, size, funds', () => {
  it('refuses a fee cap below 100 attoFIL', () => {
    const pool = new Mempool();
    refuses(pool, msg(ALICE, 0n, { gasFeeCap: 99n, gasPremium: 1n }), everyoneRich, FeeCapTooLowError, /^gas fee cap too low: fee cap 99, minimum 100 attoFIL$/);
    pool.add(msg(ALICE, 0n, { gasFeeCap: 100n, gasPremium: 100n }), everyoneRich);
  });

  it('refuses a premium above the fee cap', () => {
    const pool = new Mempool();
    refuses(pool, msg(ALICE, 0n, { gasFeeCap: 1_000n, gasPremium: 1_001n }), everyoneRich, PremiumAboveFeeCapError, /^gas premium above gas fee cap.*premium 1001, fee cap 1000$/);
  });

  it('refuses a negative value or premium', () => {
    const pool = new Mempool();
    refuses(pool, msg(ALICE, 0n, { value: -1n }), everyoneRich, NegativeAmountError, /^value must not be negative: -1$/);
    refuses(pool, msg(ALICE, 0n, { gasPremium: -1n }), everyoneRich, NegativeAmountError, /^gas premium must not be negative/);
  });

  it('takes gas limits in (0, 10 billion]', () => {
    const pool = new Mempool();
    for (const gasLimit of [0, -1, 10_000_000_001, 1.5, Number.NaN]) {
      refuses(pool, msg(ALICE, 0n, { gasLimit }), everyoneRich, GasLimitError, /^gas limit out of range: gas limit .*, must be an integer above 0 and at most 10000000000$/);
    }
    pool.add(msg(ALICE, 0n, { gasLimit: 10_000_000_000 }), everyoneRich);
  });

  it('refuses a gas limit below the message\'s inclusion cost, as Lotus does, in geth\'s words', () => {
    const pool = new Mempool();
    const inclusion = Math.ceil(prices.onChainMessage(encodeSignedMessage(msg(ALICE, 0n)).length));
    refuses(pool, msg(ALICE, 0n, { gasLimit: inclusion - 1 }), everyoneRich, GasLimitTooLowError, new RegExp(`^intrinsic gas too low: gas limit ${inclusion - 1}, minimum needed ${inclusion} just to store this message on chain`));
    pool.add(msg(ALICE, 0n, { gasLimit: inclusion }), everyoneRich);
  });

  it('takes a signed message of 64 KiB and refuses one byte more', () => {
    const pool = new Mempool();
    const probe = encodeSignedMessage(msg(ALICE, 0n, { params: new Uint8Array(60_000), gasLimit: 10_000_000_000 })).length;
    const fits = 60_000 + MAX_MESSAGE_SIZE - probe;
    const largest = msg(ALICE, 0n, { params: new Uint8Array(fits), gasLimit: 10_000_000_000 });
    assert.equal(encodeSignedMessage(largest).length, 65_536);
    refuses(pool, msg(ALICE, 0n, { params: new Uint8Array(fits + 1), gasLimit: 10_000_000_000 }), everyoneRich, MessageTooLargeError, /^message too large: 65537 bytes, at most 65536 allowed$/);
    pool.add(largest, everyoneRich);
  });

  it('needs a balance of at least fee cap × gas limit + value', () => {
    const pool = new Mempool();
    const m = msg(ALICE, 0n, { gasFeeCap: 1_000n, gasLimit: 1_000_000, value: 5n });
    const cost = 1_000_000_005n;
    const poor = state([[ALICE, { balance: cost - 1n }]]);
    refuses(pool, m, poor, InsufficientFundsError, new RegExp(`^insufficient funds for gas \\* price \\+ value: balance ${cost - 1n}, tx cost ${cost}$`));
    refuses(pool, m, () => undefined, InsufficientFundsError, /balance 0, tx cost/);
    pool.add(m, state([[ALICE, { balance: cost }]]));
  });

  it('counts what the sender\'s other pending messages may cost, but not the one replaced', () => {
    const pool = new Mempool();
    const cost = 1_000n * 1_000_000n;
    const chain = state([[ALICE, { balance: 2n * cost }]]);
    pool.add(msg(ALICE, 0n), chain);
    pool.add(msg(ALICE, 1n), chain);
    refuses(pool, msg(ALICE, 2n), chain, InsufficientFundsError, new RegExp(`tx cost ${cost}, pending messages' cost ${2n * cost}$`));
    pool.add(msg(ALICE, 1n, { gasPremium: 200n }), chain);
  });

  it('holds at most the configured number of pending messages per sender', () => {
    const pool = new Mempool({ maxPendingPerSender: 3 });
    for (const n of [0n, 1n, 2n]) pool.add(msg(ALICE, n), everyoneRich);
    refuses(pool, msg(ALICE, 3n), everyoneRich, TooManyPendingError, new RegExp(`^too many pending messages: sender ${ALICE.toString()} already has 3, the most allowed$`));
    pool.add(msg(ALICE, 2n, { gasPremium: 125n }), everyoneRich);
    pool.add(msg(BOB, 0n), everyoneRich);
    assert.equal(pool.size, 4);
  });
});

describe('mempool: selection for the next tipset', () => {
  it('orders senders by the premium of their first message, takes only runs from the on-chain sequence', () => {
    const pool = new Mempool();
    pool.add(msg(ALICE, 0n, { gasPremium: 100n }), everyoneRich);
    pool.add(msg(ALICE, 1n, { gasPremium: 900n }), everyoneRich);
    pool.add(msg(ALICE, 3n, { gasPremium: 900n }), everyoneRich); // after a gap: waits
    pool.add(msg(BOB, 0n, { gasPremium: 300n }), everyoneRich);
    pool.add(msg(CAROL, 0n, { gasPremium: 100n }), everyoneRich); // same premium as Alice, later
    pool.add(msg(CAROL, 1n, { gasPremium: 100n }), everyoneRich);
    const chain = state([
      [ALICE, {}],
      [BOB, {}],
      [CAROL, { sequence: 1n }], // Carol's nonce 0 is already on chain
    ]);
    const picked = pool.select(chain);
    assert.deepEqual(nonces(picked), ['B0', 'A0', 'A1', 'C1']);
    assert.deepEqual(pool.select(chain), picked, 'deterministic');
  });

  it('packs the gas limit: a sender\'s run stops at the first message that does not fit, the next sender is tried', () => {
    const pool = new Mempool();
    for (const n of [0n, 1n, 2n]) pool.add(msg(BOB, n, { gasPremium: 300n, gasLimit: 4_000_000 }), everyoneRich);
    pool.add(msg(ALICE, 0n, { gasPremium: 200n, gasLimit: 1_000_000 }), everyoneRich);
    pool.add(msg(ALICE, 1n, { gasPremium: 200n, gasLimit: 5_000_000 }), everyoneRich);
    pool.add(msg(ALICE, 2n, { gasPremium: 200n, gasLimit: 1_000_000 }), everyoneRich);
    pool.add(msg(CAROL, 0n, { gasPremium: 100n, gasLimit: 1_000_000 }), everyoneRich);
    assert.deepEqual(nonces(pool.select(everyoneRich, 10_000_000)), ['B0', 'B1', 'A0', 'C0']);
    assert.deepEqual(nonces(pool.select(everyoneRich)), ['B0', 'B1', 'B2', 'A0', 'A1', 'A2', 'C0']);
  });

  it('takes no more of a sender\'s run than its balance covers', () => {
    const pool = new Mempool();
    pool.add(msg(ALICE, 0n), everyoneRich);
    pool.add(msg(ALICE, 1n), everyoneRich);
    const cost = 1_000n * 1_000_000n;
    assert.deepEqual(nonces(pool.select(state([[ALICE, { balance: cost + 1n }]]))), ['A0']);
  });
});

describe('mempool: after a tipset', () => {
  it('removeIncluded forgets the included messages, and any other message at their nonce', () => {
    const pool = new Mempool();
    const m0 = msg(ALICE, 0n);
    const cid0 = pool.add(m0, everyoneRich);
    const cid1 = pool.add(msg(ALICE, 1n), everyoneRich);
    const m2 = msg(ALICE, 2n);
    pool.add(m2, everyoneRich);
    // Nonce 1 went on chain in another form (say, a replacement that reached the chain first).
    pool.removeIncluded([m0, msg(ALICE, 1n, { gasPremium: 999n })]);
    assert.equal(pool.has(cid0), false);
    assert.equal(pool.has(cid1), false);
    assert.deepEqual(pool.pendingFor(ALICE), [m2]);
    assert.deepEqual(pool.select(state([[ALICE, { sequence: 2n }]])), [m2]);
  });

  it('prune drops nonces below the sequence and messages the sender can no longer pay for', () => {
    const pool = new Mempool();
    for (const n of [0n, 1n, 2n]) pool.add(msg(ALICE, n), everyoneRich);
    const big = msg(ALICE, 3n, { value: 10n ** 20n });
    pool.add(big, everyoneRich);
    pool.add(msg(BOB, 0n), everyoneRich);
    pool.prune(state([
      [ALICE, { sequence: 2n, balance: 10n ** 18n }],
      [BOB, {}],
    ]));
    assert.deepEqual(nonces(pool.pending()), ['A2', 'B0']);
    assert.equal(pool.has(signedMessageCid(big)), false);
    pool.prune(() => undefined);
    assert.equal(pool.size, 0, 'unknown senders can pay for nothing');
  });
});

describe('mempool: listeners and lookups', () => {
  it('tells listeners of each accepted message, replacements included, until they unsubscribe', () => {
    const pool = new Mempool();
    const heard: string[] = [];
    const off = pool.onPending((signed, cid) => {
      assert.deepEqual(signedMessageCid(signed), cid);
      heard.push(`${signed.message.sequence}/${signed.message.gasPremium}`);
    });
    pool.add(msg(ALICE, 0n), everyoneRich);
    assert.throws(() => pool.add(msg(ALICE, 9n), everyoneRich), NonceGapError);
    pool.add(msg(ALICE, 0n, { gasPremium: 125n }), everyoneRich);
    off();
    pool.add(msg(ALICE, 1n), everyoneRich);
    assert.deepEqual(heard, ['0/100', '0/125']);
  });

  it('finds a pending message by CID', () => {
    const pool = new Mempool();
    const m = msg(CAROL, 0n);
    const cid = pool.add(m, everyoneRich);
    assert.deepEqual(cid, signedMessageCid(m));
    assert.equal(pool.has(cid), true);
    assert.deepEqual(pool.get(cid), m);
    assert.equal(pool.get(signedMessageCid(msg(CAROL, 1n))), undefined);
  });
});
