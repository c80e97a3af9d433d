/** The API query-string builder: pure, deterministic, drops empties. */
import { describe, expect, it } from 'vitest';
import { buildQueryString, normaliseParams, withQuery } from '../../src/client/api/query-string';
import { apiUrl } from '../../src/client/api/client';
import { flowsQuery } from '../../src/shared/api';

describe('buildQueryString', () => {
  it('sorts keys and joins arrays with commas', () => {
    expect(buildQueryString({ to: '2016-12-31', groupBy: ['route', 'direction'], from: '2016-01-01' })).toBe(
      '?from=2016-01-01&groupBy=route%2Cdirection&to=2016-12-31',
    );
  });

  it('drops null, undefined, empty strings and empty arrays', () => {
    expect(buildQueryString({ a: null, b: undefined, c: '', d: [], e: ['', ' '], f: '  ' })).toBe('');
    expect(buildQueryString({ a: null, sex: 'f' })).toBe('?sex=f');
  });

  it('is the same for the same request whatever the key order', () => {
    const a = buildQueryString({ from: '2019-01-01', to: '2019-12-31', direction: 'incoming' });
    const b = buildQueryString({ direction: 'incoming', to: '2019-12-31', from: '2019-01-01' });
    expect(a).toBe(b);
  });

  it('encodes what needs encoding', () => {
    expect(buildQueryString({ q: 'a&b=c' })).toBe('?q=a%26b%3Dc');
  });

  it('numbers and booleans become strings', () => {
    expect(normaliseParams({ n: 3, b: false })).toEqual({ b: 'false', n: '3' });
  });

  it('builds a query the server schema accepts', () => {
    const qs = buildQueryString({ from: '2016-01-01', to: '2016-12-31', groupBy: ['route'], direction: 'outgoing', nationality: 'NGA', sex: null });
    const parsed = flowsQuery.parse(Object.fromEntries(new URLSearchParams(qs)));
    expect(parsed).toMatchObject({ from: '2016-01-01', to: '2016-12-31', groupBy: ['route'], direction: 'outgoing', nationality: ['NGA'] });
  });
});

describe('paths', () => {
  it('withQuery and apiUrl', () => {
    expect(withQuery('/api/v1/flows', {})).toBe('/api/v1/flows');
    expect(apiUrl('/flows', { groupBy: ['point'] })).toBe('/api/v1/flows?groupBy=point');
    expect(apiUrl('meta')).toBe('/api/v1/meta');
    expect(apiUrl('/api/v1/places')).toBe('/api/v1/places');
  });
});
