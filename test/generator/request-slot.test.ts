/** RequestSlot and SlotPool on their own: callbacks to outcomes, body keeping, pool bookkeeping. */
import { describe, expect, it } from 'vitest';
import {
  errorCode,
  RequestSlot,
  SlotPool,
  type SlotListener,
} from '../../src/generator/request-slot.js';

function listener() {
  const done: Array<{ slot: RequestSlot; status: number; code: string | null; held: boolean }> = [];
  const freed: RequestSlot[] = [];
  const l: SlotListener = {
    onSlotDone: (slot, status, code) => done.push({ slot, status, code, held: slot.held }),
    onSlotFree: (slot) => freed.push(slot),
  };
  return { l, done, freed };
}

describe('errorCode', () => {
  it.each([
    [{ code: 'UND_ERR_HEADERS_TIMEOUT' }, 'ETIMEDOUT'],
    [{ code: 'UND_ERR_BODY_TIMEOUT' }, 'ETIMEDOUT'],
    [{ code: 'UND_ERR_CONNECT_TIMEOUT' }, 'ETIMEDOUT'],
    [{ code: 'UND_ERR_SOCKET' }, 'ECONNRESET'],
    [{ code: 'EPIPE' }, 'ECONNRESET'],
    [{ code: 'UND_ERR_ABORTED' }, 'EABORTED'],
    [{ code: 'HPE_INVALID_CONSTANT' }, 'EPROTO'],
    [{ cause: { code: 'ECONNREFUSED' } }, 'ECONNREFUSED'],
    [{ code: 'EMFILE' }, 'EMFILE'],
    [{ name: 'HTTPParserError', code: undefined }, 'EPROTO'],
    [{}, 'EUNKNOWN'],
  ])('%o -> %s', (error, code) => {
    expect(errorCode(error)).toBe(code);
  });
});

describe('RequestSlot', () => {
  it('reports the status and the body size once the reply completes', () => {
    const { l, done } = listener();
    const slot = new RequestSlot(l);
    slot.reset(10, 12, 0, 0, false);
    slot.onConnect(() => {});
    slot.onHeaders(404, []);
    slot.onData(Buffer.from('abc'));
    slot.onData(Buffer.from('de'));
    expect(done).toHaveLength(0);
    slot.onComplete();
    expect(done).toEqual([{ slot, status: 404, code: null, held: false }]);
    expect(slot.bytesReceived).toBe(5);
    expect(slot.chunks).toHaveLength(0);
  });

  it('keeps the body only when asked (for captures)', () => {
    const { l } = listener();
    const slot = new RequestSlot(l);
    slot.reset(0, 0, 0, 0, true);
    slot.onConnect(() => {});
    slot.onHeaders(200, []);
    slot.onData(Buffer.from('{"id":'));
    slot.onData(Buffer.from('"x"}'));
    slot.onComplete();
    expect(Buffer.concat(slot.chunks).toString()).toBe('{"id":"x"}');
    slot.reset(0, 0, 0, 0, false);
    expect(slot.chunks).toHaveLength(0);
    expect(slot.readsHeaders).toBe(false); // the lean client then builds no header list
  });

  it('copies the headers and body it keeps (the lean client reuses its read buffer)', () => {
    const { l } = listener();
    const slot = new RequestSlot(l);
    slot.reset(0, 0, 0, 0, true);
    slot.onConnect(() => {});
    const read = Buffer.from('x-id: a1{"id":"a1"}');
    slot.onHeaders(200, [read.subarray(0, 4), read.subarray(6, 8)]);
    slot.onData(read.subarray(8));
    read.fill('z'); // the next read lands in the same buffer
    slot.onComplete();
    expect(slot.rawHeaders?.map(String)).toEqual(['x-id', 'a1']);
    expect(Buffer.concat(slot.chunks).toString()).toBe('{"id":"a1"}');
  });

  it('maps a transport error to its code', () => {
    const { l, done } = listener();
    const slot = new RequestSlot(l);
    slot.reset(0, 0, 0, 0, false);
    slot.onError(Object.assign(new Error('x'), { code: 'UND_ERR_SOCKET' }));
    expect(done).toEqual([{ slot, status: 0, code: 'ECONNRESET', held: false }]);
  });

  it('abort on a connected request is booked at once, then undici is asked to abort it', () => {
    const { l, done, freed } = listener();
    const slot = new RequestSlot(l);
    slot.reset(0, 0, 0, 0, false);
    const aborts: Array<string | undefined> = [];
    slot.onConnect((err) => {
      aborts.push((err as { code?: string } | undefined)?.code);
      slot.onError(err!);
    });
    slot.abort('ETIMEDOUT');
    slot.abort('ETIMEDOUT');
    expect(aborts).toEqual(['ETIMEDOUT']);
    expect(done).toEqual([{ slot, status: 0, code: 'ETIMEDOUT', held: true }]);
    expect(freed).toEqual([slot]);
    expect(slot.held).toBe(false);
  });

  it('abort before onConnect is booked at once; undici connecting it later gets it aborted, then frees the slot', () => {
    const { l, done, freed } = listener();
    const slot = new RequestSlot(l);
    slot.reset(0, 0, 0, 0, false);
    slot.abort('ETIMEDOUT');
    expect(done).toEqual([{ slot, status: 0, code: 'ETIMEDOUT', held: true }]);
    expect(slot.held).toBe(true);
    const aborts: Array<string | undefined> = [];
    slot.onConnect((err) => aborts.push((err as { code?: string } | undefined)?.code));
    expect(aborts).toEqual(['ETIMEDOUT']);
    expect(freed).toEqual([]);
    slot.onError(new Error('aborted'));
    expect(freed).toEqual([slot]);
    expect(done).toHaveLength(1);
    // A stray second final callback changes nothing.
    slot.onError(new Error('again'));
    expect(freed).toHaveLength(1);
  });

  it('a reply that completes after an abort is not booked', () => {
    const { l, done, freed } = listener();
    const slot = new RequestSlot(l);
    slot.reset(0, 0, 0, 0, false);
    slot.abort('EABORTED');
    slot.onComplete();
    expect(done.map((d) => d.code)).toEqual(['EABORTED']);
    expect(freed).toEqual([slot]);
  });
});

describe('SlotPool', () => {
  it('keeps the active list dense and reuses released slots', () => {
    const { l } = listener();
    const pool = new SlotPool(l);
    const [a, b, c] = [pool.acquire(), pool.acquire(), pool.acquire()];
    expect(pool.inFlight).toBe(3);
    pool.release(a);
    expect(pool.inFlight).toBe(2);
    expect(new Set(pool.active)).toEqual(new Set([b, c]));
    pool.active.forEach((s, i) => expect(s.activeIndex).toBe(i));
    expect(a.activeIndex).toBe(-1);
    const d = pool.acquire();
    expect(d).toBe(a);
    pool.release(c);
    pool.release(d);
    pool.release(b);
    expect(pool.inFlight).toBe(0);
  });
});
