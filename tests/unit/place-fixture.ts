/** A place's properties for tests: the given fields over neutral defaults. */
import type { PlaceProperties } from '../../src/shared/api';

export const placeProps = (p: Partial<PlaceProperties> & Pick<PlaceProperties, 'id' | 'kind'>): PlaceProperties => ({
  name: p.id,
  countryIso3: 'NER',
  admin1Pcode: null,
  capacity: null,
  activeFrom: null,
  activeTo: null,
  routes: [],
  source: 'test',
  ...p,
});
