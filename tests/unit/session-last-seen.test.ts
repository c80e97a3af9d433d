import { describe, expect, it } from 'vitest';
import { DEFAULT_IDLE_MS, lastSeenDue } from '../../src/server/access/sessions';

describe('lastSeenDue: how often a shared home writes a session’s last request', () => {
  const lastSeen = 1_000_000;
  it('once a minute for the 8-hour default idle limit', () => {
    expect(lastSeenDue({ lastSeen }, lastSeen + 59_999, DEFAULT_IDLE_MS)).toBe(false);
    expect(lastSeenDue({ lastSeen }, lastSeen + 60_000, DEFAULT_IDLE_MS)).toBe(true);
  });
  it('every 1/100 of a short idle limit, so the timer is never late by more than 1 %', () => {
    expect(lastSeenDue({ lastSeen }, lastSeen + 19, 2_000)).toBe(false);
    expect(lastSeenDue({ lastSeen }, lastSeen + 20, 2_000)).toBe(true);
  });
});
