// HAMT v3: root CIDs pinned by ref-fvm's own tests (ipld/hamt/tests/hamt_tests.rs, module test_default:
// bit width 8 unless the test sets 5 or 1, values as CBOR byte strings), so our bytes are Filecoin's.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryBlockstore } from '../../../src/ipld/index.ts';
import { Hamt } from '../../../src/ipld/hamt/index.ts';
import { encodeUvarint } from '../../../src/primitives/index.ts';

const enc = new TextEncoder();
const t = (v: string | number) => enc.encode(String(v));
const EMPTY = 'bafy2bzaceamp42wmmgr2g2ymg46euououzfyck7szknvfacqscohrvaikwfay';

describe('HAMT: ref-fvm vectors', () => {
  it('reload_empty: the empty HAMT', () => {
    const store = new MemoryBlockstore();
    const root = Hamt.create(store, { bitWidth: 8 }).flush();
    assert.equal(root.toString(), EMPTY);
    assert.equal(Hamt.load(store, root, { bitWidth: 8 }).flush().toString(), EMPTY);
  });

  it('test_set_if_absent: one key', () => {
    const hamt = Hamt.create(new MemoryBlockstore(), { bitWidth: 8 });
    hamt.set(t('favorite-animal'), t('owl bear'));
    assert.equal(hamt.flush().toString(), 'bafy2bzaced2tgnlsq4n2ioe6ldy75fw3vlrrkyfv4bq6didbwoob2552zvpuk');
  });

  it('set_with_no_effect_does_not_put: bit width 1, 30 keys, then one more', () => {
    const hamt = Hamt.create(new MemoryBlockstore(), { bitWidth: 1 });
    for (let i = 0; i < 30; i++) hamt.set(t(i), t('filler'));
    assert.equal(hamt.flush().toString(), 'bafy2bzacebjilcrsqa4uyxuh36gllup4rlgnvwgeywdm5yqq2ks4jrsj756qq');
    hamt.set(t('favorite-animal'), t('bright green bear'));
    assert.equal(hamt.flush().toString(), 'bafy2bzacea7biyabzk7v7le2rrlec5tesjbdnymh5sk4lfprxibg4rtudwtku');
    hamt.set(t('favorite-animal'), t('bright green bear'));
    assert.equal(hamt.flush().toString(), 'bafy2bzacea7biyabzk7v7le2rrlec5tesjbdnymh5sk4lfprxibg4rtudwtku');
  });

  it('delete: three keys, reload, delete one', () => {
    const store = new MemoryBlockstore();
    const hamt = Hamt.create(store, { bitWidth: 8 });
    hamt.set(t('foo'), t('cat dog bear'));
    hamt.set(t('bar'), t('cat dog'));
    hamt.set(t('baz'), t('cat'));
    const c = hamt.flush();
    assert.equal(c.toString(), 'bafy2bzacebql36crv4odvxzstx2ubaczmawy2tlljxezvorcsoqeyyojxkrom');
    const h2 = Hamt.load(store, c, { bitWidth: 8 });
    assert.equal(h2.delete(t('foo')), true);
    assert.equal(h2.delete(t('nonexistent')), false);
    assert.equal(h2.get(t('foo')), undefined);
    assert.equal(h2.flush().toString(), 'bafy2bzaced7up7wkm7cirieh5bs4iyula5inrprihmjzozmku3ywvekzzmlyi');
  });

  it('delete_case: one byte key, then empty again', () => {
    const store = new MemoryBlockstore();
    const hamt = Hamt.create(store, { bitWidth: 8 });
    hamt.set(Uint8Array.of(0), t('Test data'));
    const c = hamt.flush();
    assert.equal(c.toString(), 'bafy2bzaceb2hikcc6tfuuuuehjstbiq356oruwx6ejyse77zupq445unranv6');
    const h2 = Hamt.load(store, c, { bitWidth: 8 });
    assert.ok(h2.delete(Uint8Array.of(0)));
    assert.equal(h2.flush().toString(), EMPTY);
  });

  it('set_delete_many: bit width 5, 200 keys, 400 keys, back to 200, empty', () => {
    const hamt = Hamt.create(new MemoryBlockstore(), { bitWidth: 5 });
    for (let i = 0; i < 200; i++) hamt.set(t(i), t(i));
    const c200 = 'bafy2bzaceczhz54xmmz3xqnbmvxfbaty3qprr6dq7xh5vzwqbirlsnbd36z7a';
    assert.equal(hamt.flush().toString(), c200);
    for (let i = 200; i < 400; i++) hamt.set(t(i), t(i));
    assert.equal(hamt.flush().toString(), 'bafy2bzacecxcp736xkl2mcyjlors3tug6vdlbispbzxvb75xlrhthiw2xwxvw');
    for (let i = 200; i < 400; i++) assert.ok(hamt.delete(t(i)));
    for (let i = 0; i < 200; i++) assert.deepEqual(hamt.get(t(i)), t(i));
    assert.equal(hamt.flush().toString(), c200);
    for (let i = 0; i < 200; i++) assert.ok(hamt.delete(t(i)));
    assert.equal([...hamt.entries()].length, 0);
    assert.equal(hamt.flush().toString(), EMPTY);
  });

  it('clean_child_ordering: varint keys 100..194, delete 104 and 108', () => {
    const store = new MemoryBlockstore();
    const hamt = Hamt.create(store, { bitWidth: 5 });
    for (let i = 100n; i < 195n; i++) hamt.set(encodeUvarint(i), 42);
    const root = hamt.flush();
    assert.equal(root.toString(), 'bafy2bzacebqox3gtng4ytexyacr6zmaliyins3llnhbnfbcrqmhzuhmuuawqk');
    const h = Hamt.load(store, root, { bitWidth: 5 });
    h.delete(encodeUvarint(104n));
    h.delete(encodeUvarint(108n));
    assert.equal(h.flush().toString(), 'bafy2bzacedlyeuub3mo4aweqs7zyxrbldsq2u4a2taswubudgupglu2j4eru6');
  });
});

describe('HAMT: behaviour', () => {
  it('reads back after reload, lazily, and iterates every entry once', () => {
    const store = new MemoryBlockstore();
    const hamt = Hamt.create(store);
    for (let i = 0; i < 1000; i++) hamt.set(t(`key-${i}`), i);
    const root = hamt.flush();
    const again = Hamt.load(store, root);
    assert.equal(again.get(t('key-777')), 777);
    assert.equal(again.get(t('missing')), undefined);
    const seen = new Set([...again.entries()].map(([k]) => new TextDecoder().decode(k)));
    assert.equal(seen.size, 1000);
  });

  it('set answers whether the key is new; delete whether it existed', () => {
    const hamt = Hamt.create(new MemoryBlockstore());
    assert.equal(hamt.set(t('a'), 1), true);
    assert.equal(hamt.set(t('a'), 2), false);
    assert.equal(hamt.get(t('a')), 2);
    assert.equal(hamt.delete(t('a')), true);
    assert.equal(hamt.delete(t('a')), false);
  });

  it('flush is idempotent and writes nothing when nothing changed', () => {
    const store = new MemoryBlockstore();
    const hamt = Hamt.create(store);
    for (let i = 0; i < 100; i++) hamt.set(t(i), i);
    const a = hamt.flush();
    const blocks = store.size;
    assert.equal(hamt.flush().toString(), a.toString());
    assert.equal(store.size, blocks);
  });
});
