/** URL state (shareable link): versioned, round-trips, rejects bad input. */
import { describe, expect, it } from 'vitest';
import { URL_STATE_VERSION, parseUrlState, serializeUrlState } from '../../src/client/app/url';
import { INITIAL_FILTERS, type FilterValues } from '../../src/client/state/filters';

const bounds = { min: '2015-01-01', max: '2019-12-31' };

describe('URL state', () => {
  it('round-trips every filter and the selection', () => {
    const filters: FilterValues = { from: '2016-02-01', to: '2016-05-31', direction: 'outgoing', nationality: 'NGA', sex: 'm', ageGroup: 'adult' };
    const qs = serializeUrlState(filters, { type: 'place', id: 'agadez-tc' });
    expect(qs).toContain(`v=${URL_STATE_VERSION}`);
    expect(parseUrlState(qs, bounds)).toEqual({ filters, selected: { type: 'place', id: 'agadez-tc' } });
    const route = serializeUrlState(filters, { type: 'route', id: 'R5b' });
    expect(parseUrlState(route, bounds).selected).toEqual({ type: 'route', id: 'R5b' });
  });

  it('writes only what is set', () => {
    expect(serializeUrlState(INITIAL_FILTERS, null)).toBe(`?v=${URL_STATE_VERSION}`);
  });

  it('reads a URL without a version as version 1', () => {
    expect(parseUrlState('?from=2017-01-01&to=2017-03-31', bounds).filters).toEqual({ from: '2017-01-01', to: '2017-03-31' });
  });

  it.each([
    ['?from=2016-02-30', {}],
    ['?from=yesterday', {}],
    ['?from=2010-01-01&to=2030-01-01', {}],
    ['?direction=sideways', {}],
    ['?nationality=nga', {}],
    ['?nationality=NGA,NER', {}],
    ['?sex=x', {}],
    ['?ageGroup=elderly', {}],
  ])('drops bad values: %s', (qs, filters) => {
    expect(parseUrlState(qs, bounds).filters).toEqual(filters);
  });

  it('swaps a reversed period', () => {
    expect(parseUrlState('?from=2018-12-31&to=2018-01-01', bounds).filters).toEqual({ from: '2018-01-01', to: '2018-12-31' });
  });

  it.each(['?select=place:<img src=x>', '?select=route:drop table', '?select=user:1', '?select=place:', '?select=route:r5'])(
    'drops a bad selection: %s',
    (qs) => {
      expect(parseUrlState(qs, bounds).selected).toBeNull();
    },
  );
});
