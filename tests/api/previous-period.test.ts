/**
 * One previous-period rule: for the same selection, the Flows view (the client works out the period it applies and the
 * previous equal period it compares with, src/client/api/view-filters.ts + src/shared/calendar.ts) and the Hotspots
 * view (the server's answer names its period and previous period) give the same dates, for a role that sees days and
 * weeks and for one that sees months only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hotspotsResponse, metaResponse, sessionResponse } from '../../src/shared/api';
import { previousPeriod } from '../../src/shared/calendar';
import { wholeMonthsFor } from '../../src/client/api/view-filters';
import { startTestApp, type TestServer } from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** Selections people make over the mini fixture (2018-12-24 … 2019-03-03): months, a month, whole weeks, odd days, from the data's first day. */
const SELECTIONS = [
  { from: '2019-01-01', to: '2019-02-28' },
  { from: '2019-02-01', to: '2019-02-28' },
  { from: '2019-01-07', to: '2019-02-03' },
  { from: '2019-01-09', to: '2019-02-13' },
  { from: '2018-12-24', to: '2019-01-31' },
];

describe('the previous equal period', () => {
  for (const role of ['programme', 'government'] as const) {
    it(`is the same in Flows (client) and Hotspots (server) for ${role}`, async () => {
      const access = sessionResponse.parse((await t.inject('/api/v1/session', role)).json()).access;
      const meta = metaResponse.parse((await t.inject('/api/v1/meta', role)).json());
      for (const selection of SELECTIONS) {
        const applied = wholeMonthsFor(access, selection, meta.dateRange);
        const flowsPrevious = previousPeriod(applied);
        const res = await t.inject(`/api/v1/hotspots?from=${applied.from}&to=${applied.to}`, role);
        expect(res.statusCode, res.body).toBe(200);
        const hotspots = hotspotsResponse.parse(res.json());
        const label = `${role} ${selection.from}…${selection.to}`;
        expect({ from: hotspots.from, to: hotspots.to }, label).toEqual(applied);
        expect({ from: hotspots.previousFrom, to: hotspots.previousTo }, label).toEqual(flowsPrevious);
      }
    });
  }

  it('compares a whole year with the year before and a month with the month before, not day counts', () => {
    expect(previousPeriod({ from: '2016-01-01', to: '2016-12-31' })).toEqual({ from: '2015-01-01', to: '2015-12-31' });
    expect(previousPeriod({ from: '2019-12-01', to: '2019-12-31' })).toEqual({ from: '2019-11-01', to: '2019-11-30' });
    expect(previousPeriod({ from: '2019-05-06', to: '2019-06-02' })).toEqual({ from: '2019-04-08', to: '2019-05-05' });
  });
});
