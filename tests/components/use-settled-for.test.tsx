/** useSettledFor: true once a key has stayed the same for a while, false again at each change. */
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSettledFor } from '../../src/client/lib/use-settled-for';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('useSettledFor', () => {
  it('turns true after the delay, false at a change, true again after the delay', () => {
    const { result, rerender } = renderHook(({ k }) => useSettledFor(k, 250), { initialProps: { k: 'a' } });
    expect(result.current).toBe(false);
    act(() => vi.advanceTimersByTime(249));
    expect(result.current).toBe(false);
    act(() => vi.advanceTimersByTime(1));
    expect(result.current).toBe(true);

    rerender({ k: 'b' });
    expect(result.current).toBe(false);
    act(() => vi.advanceTimersByTime(200));
    rerender({ k: 'c' });
    act(() => vi.advanceTimersByTime(200));
    expect(result.current).toBe(false);
    act(() => vi.advanceTimersByTime(50));
    expect(result.current).toBe(true);
  });
});
