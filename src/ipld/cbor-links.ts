// The CIDs a dag-cbor block links to, read without decoding it: one pass over the item headers, taking
// the byte string after each tag 42. dag-cbor has definite lengths only, so strings are skipped by
// their length and arrays and maps need no stack (their items follow in order).

const CID_TAG = 42;

/** Calls `fn` with the binary form of each CID `bytes` (one dag-cbor block) links to, in order. */
export function forEachCborLink(bytes: Uint8Array, fn: (cid: Uint8Array) => void): void {
  let pos = 0;
  let afterCidTag = false;
  while (pos < bytes.length) {
    const initial = bytes[pos++]!;
    const major = initial >> 5;
    const info = initial & 0x1f;
    let arg = info;
    if (info >= 24) {
      const size = 1 << (info - 24); // 24..27: 1, 2, 4 or 8 bytes
      if (info > 27) throw new Error(`not dag-cbor: additional information ${info} at byte ${pos - 1}`);
      arg = 0;
      for (let i = 0; i < size; i++) arg = arg * 256 + bytes[pos + i]!;
      pos += size;
    }
    if (afterCidTag) {
      if (major !== 2 || bytes[pos] !== 0) throw new Error(`not dag-cbor: tag 42 on something other than CID bytes at byte ${pos}`);
      fn(bytes.subarray(pos + 1, pos + arg));
      afterCidTag = false;
    } else if (major === 6 && arg === CID_TAG) {
      afterCidTag = true;
      continue;
    }
    if (major === 2 || major === 3) pos += arg;
  }
}
