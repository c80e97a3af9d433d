/** react-query retry policy: network errors, 5xx and 429 are retried (honouring Retry-After); other 4xx never. */
import { describe, expect, it } from 'vitest';
import { ApiError, parseRetryAfter } from '../../src/client/api/client';
import { MAX_RETRY_DELAY_MS, retryDelay, shouldRetry } from '../../src/client/api/react-query';

const http = (status: number, retryAfterMs: number | null = null) => new ApiError({ message: 'x', status, kind: 'http', url: '/api/v1/flows', retryAfterMs });
const network = new ApiError({ message: 'x', status: 0, kind: 'network', url: '/api/v1/flows' });
const invalid = new ApiError({ message: 'x', status: 200, kind: 'invalid-response', url: '/api/v1/flows' });

describe('shouldRetry', () => {
  it.each([
    ['network error', network, true],
    ['500', http(500), true],
    ['502', http(502), true],
    ['503', http(503), true],
    ['429', http(429), true],
    ['400', http(400), false],
    ['401', http(401), false],
    ['403', http(403), false],
    ['404', http(404), false],
    ['422', http(422), false],
    ['invalid answer', invalid, false],
    ['a plain Error (e.g. a TypeError)', new Error('boom'), true],
  ])('%s → %s on the first failure', (_name, error, expected) => {
    expect(shouldRetry(0, error)).toBe(expected);
  });

  it('two more tries at most', () => {
    expect(shouldRetry(1, http(500))).toBe(true);
    expect(shouldRetry(2, http(500))).toBe(false);
    expect(shouldRetry(2, http(429))).toBe(false);
  });
});

describe('retryDelay', () => {
  it('waits what Retry-After asked', () => {
    expect(retryDelay(0, http(429, 3000))).toBe(3000);
    expect(retryDelay(1, http(503, 0))).toBe(0);
  });

  it('caps a long Retry-After', () => {
    expect(retryDelay(0, http(429, 3_600_000))).toBe(MAX_RETRY_DELAY_MS);
  });

  it('backs off exponentially otherwise: 1 s, 2 s, 4 s', () => {
    expect([0, 1, 2].map((n) => retryDelay(n, network))).toEqual([1000, 2000, 4000]);
    expect(retryDelay(10, http(500))).toBe(MAX_RETRY_DELAY_MS);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  it.each([
    ['5', 5000],
    [' 0 ', 0],
    ['Thu, 01 Jan 2026 12:00:10 GMT', 10_000],
    ['Thu, 01 Jan 2026 11:00:00 GMT', 0],
    ['soon', null],
    ['', null],
    [null, null],
  ])('%s → %s', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });
});
