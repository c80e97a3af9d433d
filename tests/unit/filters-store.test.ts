/** The zustand filter and selection stores. */
import { afterEach, describe, expect, it } from 'vitest';
import { INITIAL_FILTERS, resetStores, selectFilterValues, useFilters, useSelection } from '../../src/client/state/filters';

afterEach(() => resetStores());

describe('filter store', () => {
  it('starts empty (the period comes from /meta or the URL)', () => {
    expect(selectFilterValues(useFilters.getState())).toEqual(INITIAL_FILTERS);
  });

  it('setPeriod orders the ends', () => {
    useFilters.getState().setPeriod('2016-01-01', '2016-12-31');
    expect(useFilters.getState()).toMatchObject({ from: '2016-01-01', to: '2016-12-31' });
    useFilters.getState().setPeriod('2018-12-31', '2018-01-01');
    expect(useFilters.getState()).toMatchObject({ from: '2018-01-01', to: '2018-12-31' });
  });

  it('moving the start past the end drags the end along, and back', () => {
    const s = useFilters.getState();
    s.setPeriod('2016-01-01', '2016-12-31');
    s.setFrom('2019-01-01');
    expect(useFilters.getState()).toMatchObject({ from: '2019-01-01', to: '2019-01-01' });
    useFilters.getState().setTo('2019-12-31');
    expect(useFilters.getState()).toMatchObject({ from: '2019-01-01', to: '2019-12-31' });
    useFilters.getState().setTo('2015-06-30');
    expect(useFilters.getState()).toMatchObject({ from: '2015-06-30', to: '2015-06-30' });
  });

  it('setFrom and setTo inside the period change one end only', () => {
    useFilters.getState().setPeriod('2016-01-01', '2016-12-31');
    useFilters.getState().setFrom('2016-03-01');
    useFilters.getState().setTo('2016-09-30');
    expect(useFilters.getState()).toMatchObject({ from: '2016-03-01', to: '2016-09-30' });
  });

  it('breakdown filters set and clear', () => {
    const s = useFilters.getState();
    s.setPeriod('2017-01-01', '2017-12-31');
    s.setDirection('incoming');
    s.setNationality('NGA');
    s.setSex('f');
    s.setAgeGroup('minor');
    expect(selectFilterValues(useFilters.getState())).toEqual({
      from: '2017-01-01',
      to: '2017-12-31',
      direction: 'incoming',
      nationality: 'NGA',
      sex: 'f',
      ageGroup: 'minor',
    });
    useFilters.getState().clearBreakdowns();
    expect(selectFilterValues(useFilters.getState())).toEqual({ ...INITIAL_FILTERS, from: '2017-01-01', to: '2017-12-31' });
  });

  it('resetStores puts everything back', () => {
    useFilters.getState().patch({ from: '2015-01-01', to: '2015-02-01', sex: 'm' });
    useSelection.getState().select({ type: 'place', id: 'agadez-tc' });
    useSelection.getState().hover({ type: 'route', id: 'R5', x: 1, y: 2 });
    resetStores();
    expect(selectFilterValues(useFilters.getState())).toEqual(INITIAL_FILTERS);
    expect(useSelection.getState().selected).toBeNull();
    expect(useSelection.getState().hovered).toBeNull();
  });
});
