/**
 * The sign-in limiter (attempts reserved before any check; per address, per (name, address) with back-off, and the
 * per-name ceiling that a new address still clears) and the server-wide password-check pool (cap, short queue,
 * busy refusal, unknown names imitated without a slot).
 */
import { describe, expect, it } from 'vitest';
import { PasswordCheckPool, PasswordChecksBusyError } from '../../src/server/access/passwords';
import { addressKey, SignInLimiter, type ReserveResult } from '../../src/server/access/rate-limit';

const reserved = (r: ReserveResult) => {
  if (!r.ok) throw new Error(`refused for ${r.retryAfter} s`);
  return r.reservation;
};
const wait = (r: ReserveResult) => (r.ok ? 0 : r.retryAfter);

describe('SignInLimiter', () => {
  it('counts an attempt when it is reserved: the 6th of a synchronous burst is refused before any check ends', () => {
    const limiter = new SignInLimiter({ now: () => 1_000 });
    const results = Array.from({ length: 200 }, () => limiter.reserve('admin', '192.0.2.1'));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.slice(5).every((r) => !r.ok && r.retryAfter >= 59)).toBe(true);
  });

  it('a success takes its reservation back and forgets the pair; a release (nothing checked) takes it back', () => {
    const limiter = new SignInLimiter({ now: () => 1_000 });
    for (let i = 0; i < 4; i++) limiter.reserve('ana', '192.0.2.1');
    reserved(limiter.reserve('ana', '192.0.2.1')).succeeded();
    // 4 failures left on the address (the pair was forgotten); one more attempt fits
    reserved(limiter.reserve('bea', '192.0.2.1')).release();
    expect(limiter.reserve('bea', '192.0.2.1').ok).toBe(true);
    expect(limiter.reserve('bea', '192.0.2.1').ok).toBe(false);
  });

  it('per address over all names: 5 a minute (a sliding window)', () => {
    let now = 0;
    const limiter = new SignInLimiter({ now: () => now });
    for (let i = 0; i < 5; i++) {
      expect(limiter.reserve(`user${i}`, '192.0.2.7').ok).toBe(true);
      now += 1000;
    }
    expect(wait(limiter.reserve('user9', '192.0.2.7'))).toBe(55);
    expect(limiter.reserve('user9', '192.0.2.8').ok).toBe(true); // another address
    now = 60_000;
    expect(limiter.reserve('user9', '192.0.2.7').ok).toBe(true);
  });

  it('per (name, address): each later lock-out lasts twice as long, up to the ceiling; a success resets it', () => {
    let now = 0;
    const limiter = new SignInLimiter({ now: () => now, maxBackoffMs: 4 * 60_000 });
    const lockout = () => {
      for (let i = 0; i < 5; i++) reserved(limiter.reserve('ana', '192.0.2.1'));
      return wait(limiter.reserve('ana', '192.0.2.1'));
    };
    expect(lockout()).toBe(60);
    now += 60_000;
    expect(lockout()).toBe(120);
    now += 120_000;
    expect(lockout()).toBe(240);
    now += 240_000;
    expect(lockout()).toBe(240); // capped
    now += 240_000;
    reserved(limiter.reserve('ana', '192.0.2.1')).succeeded();
    expect(lockout()).toBe(60);
  });

  it('per name: past the ceiling each address gets one attempt at it, and a new address still gets its own', () => {
    let now = 0;
    const limiter = new SignInLimiter({ now: () => now });
    // one address hammers the admin name: 5 attempts, then locked
    for (let i = 0; i < 5; i++) reserved(limiter.reserve('admin', '203.0.113.9'));
    expect(limiter.reserve('admin', '203.0.113.9').ok).toBe(false);
    // the name is now under attack: another address gets one attempt …
    const admin = reserved(limiter.reserve('admin', '198.51.100.20'));
    admin.succeeded(); // … which was the admin's
    // a failed attempt from a third address locks that address out of the name (but not out of other names)
    reserved(limiter.reserve('admin', '198.51.100.30'));
    expect(limiter.reserve('admin', '198.51.100.30').ok).toBe(false);
    expect(limiter.reserve('ana', '198.51.100.30').ok).toBe(true);
    // and yet another new address still gets its attempt
    expect(limiter.reserve('admin', '198.51.100.40').ok).toBe(true);
    now += 60_000;
    expect(limiter.reserve('admin', '198.51.100.30').ok).toBe(true);
  });

  it('attempts with no user name (setup tokens) count per address only', () => {
    const limiter = new SignInLimiter({ now: () => 0 });
    for (let i = 0; i < 5; i++) reserved(limiter.reserve(null, '192.0.2.1'));
    expect(limiter.reserve(null, '192.0.2.1').ok).toBe(false);
    expect(limiter.reserve('ana', '192.0.2.1').ok).toBe(false);
    expect(limiter.reserve(null, '192.0.2.2').ok).toBe(true);
  });

  it('keeps at most maxKeys keys', () => {
    const limiter = new SignInLimiter({ now: () => 0, maxKeys: 30 });
    for (let i = 0; i < 1000; i++) limiter.reserve(`u${i}`, `10.0.${i >> 8}.${i & 255}`);
    expect((limiter as unknown as { entries: Map<string, unknown> }).entries.size).toBeLessThanOrEqual(30);
  });

  it('addresses: IPv4 (also mapped), IPv6 by its /64', () => {
    expect(addressKey('192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2::9')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    // one host rotating through its /64 is one address
    const limiter = new SignInLimiter({ now: () => 0 });
    for (let i = 0; i < 5; i++) reserved(limiter.reserve(`u${i}`, `2001:db8:1:2::${i + 1}`));
    expect(limiter.reserve('u9', '2001:db8:1:2:ffff::1').ok).toBe(false);
  });
});

describe('PasswordCheckPool', () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('runs at most `concurrency` checks at once, queues a few, refuses the rest at once', async () => {
    const pool = new PasswordCheckPool({ concurrency: 2, queue: 3 });
    let active = 0;
    let peak = 0;
    const check = async () => {
      active++;
      peak = Math.max(peak, active);
      await sleep(30);
      active--;
      return true;
    };
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => pool.run(check)));
    expect(peak).toBe(2);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(15);
    expect(refused.every((r) => r.reason instanceof PasswordChecksBusyError)).toBe(true);
    expect(pool.active).toBe(0);
    expect(pool.queued).toBe(0);
  });

  it('a queued check that waits too long is refused', async () => {
    const pool = new PasswordCheckPool({ concurrency: 1, queue: 5, maxWaitMs: 50 });
    const slow = pool.run(() => sleep(200));
    await expect(pool.run(async () => 1)).rejects.toBeInstanceOf(PasswordChecksBusyError);
    await slow;
    await expect(pool.run(async () => 2)).resolves.toBe(2);
  });

  it('imitates a check for unknown names: about as long, no slot held, one measurement only', async () => {
    const pool = new PasswordCheckPool({ concurrency: 1, queue: 0 });
    let measured = 0;
    await pool.imitate(async () => {
      measured++;
      await sleep(60);
    });
    expect(measured).toBe(1);
    expect(pool.typicalMs).toBeGreaterThanOrEqual(55);
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 10 }, () => pool.imitate(async () => measured++)));
    const took = performance.now() - t0;
    expect(measured).toBe(1);
    expect(took).toBeGreaterThanOrEqual(45);
    expect(took).toBeLessThan(500); // concurrently: no slot taken
    // when every slot and the queue are busy, an unknown name is refused like a real check
    const slow = pool.run(() => sleep(100));
    await expect(pool.imitate(async () => {})).rejects.toBeInstanceOf(PasswordChecksBusyError);
    await slow;
  });
});
