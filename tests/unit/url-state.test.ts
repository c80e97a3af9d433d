/** URL state (shareable link): version 2, migration from version 1, links people type (no `v`), round-trips, rejects bad input. */
import { describe, expect, it } from 'vitest';
import {
  URL_KEYS,
  URL_STATE_VERSION,
  historyKey,
  migrateUrlParams,
  parseUrlState,
  serializeUrlState,
  urlFieldSchemas,
  type AppUrlState,
} from '../../src/client/app/url';
import { INITIAL_FILTERS, type FilterValues } from '../../src/client/state/filters';
import { roundViewport } from '../../src/client/state/view';

const bounds = { min: '2015-01-01', max: '2019-12-31' };
const filters: FilterValues = { from: '2016-02-01', to: '2016-05-31', direction: 'outgoing', nationality: 'NGA', sex: 'm', ageGroup: 'adult' };
const state = (over: Partial<AppUrlState> = {}): AppUrlState => ({
  filters,
  selected: { type: 'place', id: 'agadez-tc' },
  view: 'donor',
  lang: 'fr',
  viewport: { lon: 8.123, lat: 17.5, zoom: 5.25 },
  ...over,
});

describe('URL state v2', () => {
  it('is version 2', () => {
    expect(URL_STATE_VERSION).toBe(2);
    expect(serializeUrlState(state())).toMatch(/^\?v=2&/);
  });

  it('round-trips view, language, every filter, the selection and the viewport', () => {
    const qs = serializeUrlState(state());
    expect(parseUrlState(qs, bounds)).toEqual({
      filters,
      selected: { type: 'place', id: 'agadez-tc' },
      view: 'donor',
      lang: 'fr',
      viewport: { lon: 8.123, lat: 17.5, zoom: 5.25 },
    });
    expect(parseUrlState(serializeUrlState(state({ selected: { type: 'route', id: 'R5b' } })), bounds).selected).toEqual({ type: 'route', id: 'R5b' });
    expect(parseUrlState(serializeUrlState(state({ view: 'hotspots', selected: { type: 'region', id: 'NE001' } })), bounds)).toMatchObject({
      view: 'hotspots',
      selected: { type: 'region', id: 'NE001' },
    });
  });

  it('writes only what is set (English is the default and not written)', () => {
    expect(serializeUrlState({ filters: INITIAL_FILTERS, selected: null, view: 'flows', lang: 'en', viewport: null })).toBe('?v=2&view=flows');
  });

  it('rounds the viewport: lon/lat to 3 decimals, zoom to 2', () => {
    const qs = serializeUrlState(state({ viewport: { lon: 8.123456, lat: 17.98765, zoom: 5.256789 } }));
    expect(new URLSearchParams(qs).get('map')).toBe('8.123,17.988,5.26');
    expect(roundViewport({ lon: -0.0004, lat: 0.0006, zoom: 3.999 })).toEqual({ lon: -0, lat: 0.001, zoom: 4 });
  });

  it.each([
    ['?v=2&view=atlas', 'view'],
    ['?v=2&lang=de', 'lang'],
    ['?v=2&map=200,10,4', 'viewport'],
    ['?v=2&map=8,10', 'viewport'],
    ['?v=2&map=8,10,99', 'viewport'],
    ['?v=2&map=a,b,c', 'viewport'],
    ['?v=2&map=,,', 'viewport'],
  ] as const)('drops a bad value: %s', (qs, key) => {
    expect(parseUrlState(qs, bounds)[key]).toBeUndefined();
  });

  it('a bad value does not spoil the rest of the link', () => {
    expect(parseUrlState('?v=2&view=donor&lang=xx&from=2017-01-01&to=2017-03-31&map=1,2,zz', bounds)).toEqual({
      filters: { from: '2017-01-01', to: '2017-03-31' },
      selected: null,
      view: 'donor',
    });
  });

  it('reads nothing from a link of a future version rather than guess', () => {
    expect(parseUrlState('?v=3&view=donor&from=2017-01-01', bounds)).toEqual({ filters: {}, selected: null });
  });
});

describe('URL state migration', () => {
  it('v=1 → v=2: keeps the v1 keys, opens the flows view, drops keys v1 did not have', () => {
    expect(migrateUrlParams({ v: '1', from: '2016-01-01', select: 'place:arlit-fmp', view: 'donor', lang: 'fr', junk: 'x' })).toEqual({
      v: '2',
      view: 'flows',
      from: '2016-01-01',
      select: 'place:arlit-fmp',
    });
  });

  it('a link with no v keeps every current key (each means one thing only) and names no view unless it says one', () => {
    expect(migrateUrlParams({ from: '2017-01-01' })).toEqual({ v: '2', from: '2017-01-01' });
    expect(parseUrlState('?from=2017-01-01&to=2017-03-31', bounds)).toEqual({ filters: { from: '2017-01-01', to: '2017-03-31' }, selected: null });
    expect(migrateUrlParams({ lang: 'fr', junk: 'x' })).toEqual({ v: '2', lang: 'fr' });
  });

  it.each([
    ['?lang=fr', { filters: {}, selected: null, lang: 'fr' }],
    ['?view=donor', { filters: {}, selected: null, view: 'donor' }],
    ['?view=hotspots&lang=fr', { filters: {}, selected: null, view: 'hotspots', lang: 'fr' }],
    ['?from=2016-01-01&to=2016-12-31', { filters: { from: '2016-01-01', to: '2016-12-31' }, selected: null }],
    ['?view=flows&colour=change&map=8,17,5', { filters: {}, selected: null, view: 'flows', colourBy: 'change', viewport: { lon: 8, lat: 17, zoom: 5 } }],
    ['?nationality=NGA&select=region:NE001', { filters: { nationality: 'NGA' }, selected: { type: 'region', id: 'NE001' } }],
    ['?lang=de&view=atlas&from=2016-02-01', { filters: { from: '2016-02-01' }, selected: null }],
  ] as const)('a typed link works without v: %s', (qs, expected) => {
    expect(parseUrlState(qs, bounds)).toEqual(expected);
  });

  it('every key of the current version is kept from a link without v', () => {
    expect([...URL_KEYS].sort()).toEqual(Object.keys(urlFieldSchemas).sort());
    const all = serializeUrlState(state({ colourBy: 'change' }))
      .slice(1)
      .replace(/^v=2&/, '');
    expect(parseUrlState(`?${all}`, bounds)).toEqual(parseUrlState(`?v=2&${all}`, bounds));
  });

  it('a malformed v is read as a link without v', () => {
    expect(migrateUrlParams({ v: 'abc', sex: 'f', lang: 'fr' })).toEqual({ v: '2', sex: 'f', lang: 'fr' });
    expect(migrateUrlParams({ v: '0', view: 'donor' })).toEqual({ v: '2', view: 'donor' });
    expect(migrateUrlParams({ v: '1.5', view: 'donor' })).toEqual({ v: '2', view: 'donor' });
  });

  it('a full v1 link restores the same filters and selection as before', () => {
    const v1 = '?v=1&from=2016-02-01&to=2016-05-31&direction=outgoing&nationality=NGA&sex=m&ageGroup=adult&select=place:agadez-tc';
    expect(parseUrlState(v1, bounds)).toEqual({ filters, selected: { type: 'place', id: 'agadez-tc' }, view: 'flows' });
  });

  it('v2 is left as it is', () => {
    const raw = { v: '2', view: 'hotspots', lang: 'fr' };
    expect(migrateUrlParams(raw)).toBe(raw);
  });
});

describe('URL state validation (any version)', () => {
  it.each([
    ['?from=2016-02-30', {}],
    ['?from=yesterday', {}],
    ['?from=2010-01-01&to=2030-01-01', {}],
    ['?direction=sideways', {}],
    ['?nationality=nga', {}],
    ['?nationality=NGA,NER', {}],
    ['?sex=x', {}],
    ['?ageGroup=elderly', {}],
  ])('drops bad values: %s', (qs, f) => {
    expect(parseUrlState(qs, bounds).filters).toEqual(f);
  });

  it('swaps a reversed period', () => {
    expect(parseUrlState('?v=2&from=2018-12-31&to=2018-01-01', bounds).filters).toEqual({ from: '2018-01-01', to: '2018-12-31' });
  });

  it.each([
    '?select=place:<img src=x>',
    '?select=route:drop table',
    '?select=user:1',
    '?select=place:',
    '?select=route:r5',
    '?v=2&select=region:NE1',
    '?v=2&select=region:Agadez',
  ])('drops a bad selection: %s', (qs) => {
    expect(parseUrlState(qs, bounds).selected).toBeNull();
  });
});

describe('history entries', () => {
  it('panning (map=) alone does not make a new history entry; anything else does', () => {
    expect(historyKey('?v=2&view=flows&map=1,2,3')).toBe(historyKey('?v=2&view=flows&map=4,5,6'));
    expect(historyKey('?v=2&view=flows')).not.toBe(historyKey('?v=2&view=donor'));
  });
});
