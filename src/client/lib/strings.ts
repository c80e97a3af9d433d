/**
 * Every user-facing string of the client, in one place so a French catalogue can be added later
 * (same keys, `fr` object, picked by `document.documentElement.lang`).
 */
import type { AgeGroup, Direction, PlaceKind, Service, Sex } from '../../shared/enums';

export const en = {
  appTitle: 'Transit Atlas',
  appSubtitle: 'Migrant flows and IOM assistance through Niger',
  illustrativeBadge: 'Illustrative data',
  illustrativeFallback: 'Illustrative data — synthetic, not IOM data',
  dataAsOf: (date: string) => `Data as of ${date}`,
  loading: 'Loading…',
  updating: 'Updating…',
  retry: 'Retry',
  close: 'Close',
  empty: 'No observations for this period and filter',
  errorTitle: 'Something went wrong',
  suppressed: 'withheld',
  suppressedTitle: 'Withheld by disclosure control (small count)',

  filters: {
    label: 'Filters',
    from: 'From',
    to: 'To',
    presets: 'Year',
    wholeRange: 'All',
    direction: 'Direction',
    nationality: 'Nationality',
    sex: 'Sex',
    ageGroup: 'Age group',
    any: 'All',
    reset: 'Reset filters',
    invalidDate: (min: string, max: string) => `Pick a date between ${min} and ${max}`,
  },

  direction: { incoming: 'Incoming', outgoing: 'Outgoing' } satisfies Record<Direction, string>,
  directionHint: {
    incoming: 'heading further into Niger',
    outgoing: 'heading towards Niger’s borders',
  } satisfies Record<Direction, string>,
  sex: { f: 'Women and girls', m: 'Men and boys' } satisfies Record<Sex, string>,
  ageGroup: { adult: 'Adults', minor: 'Minors' } satisfies Record<AgeGroup, string>,
  sexAge: {
    'f|adult': 'Women',
    'm|adult': 'Men',
    'f|minor': 'Girls',
    'm|minor': 'Boys',
  } as Record<string, string>,

  placeKind: {
    office: 'IOM office',
    transit_centre: 'Transit centre',
    monitoring_point: 'Flow monitoring point',
    hub: 'Hub city',
    border_crossing: 'Border crossing',
  } satisfies Record<PlaceKind, string>,

  service: {
    health: 'Health care',
    shelter_food: 'Shelter and food',
    family_tracing: 'Family tracing',
    unhcr_referral: 'Referral to UNHCR',
    voluntary_return: 'Assisted voluntary return',
    counselling: 'Counselling',
    reintegration: 'Reintegration',
  } satisfies Record<Service, string>,

  metric: {
    observed: 'people observed',
    assisted: 'people assisted',
    notMonitored: 'not monitored — no flow monitoring point on this route',
    inactive: (date: string) => `not active in this period (from ${date})`,
  },

  legend: {
    title: 'Legend',
    show: 'Show legend',
    hide: 'Hide legend',
    routes: 'Routes — width = people observed',
    routeColour: 'Colour',
    bothDirections: 'Both directions',
    notMonitored: 'not monitored',
    places: 'Places',
    centreSize: 'Transit centres — size = people assisted',
    inactivePoint: 'Monitoring point not active in period',
    sideBySide: 'Places in the same town are drawn side by side.',
  },

  panel: {
    region: 'Panel',
    peopleAssisted: 'People assisted',
    peopleObserved: 'People observed',
    capacity: 'Capacity',
    places: (n: string) => `${n} places`,
    byDirection: 'By direction',
    services: 'Services delivered',
    weekly: 'Per week',
    weeklyAssisted: 'People assisted per week',
    weeklyObserved: 'People observed per week',
    byNationality: 'By nationality',
    bySexAge: 'By sex and age group',
    activeFrom: 'Active from',
    observes: 'Observes routes',
    monitoredBy: 'Monitored by',
    corridor: 'Corridor',
    length: 'Length',
    km: (n: string) => `${n} km`,
    onRoutes: 'On routes',
    noFigures: 'No figures are recorded for this place.',
    notMonitored: 'No flow monitoring point observes this route, so there are no counts for it.',
    country: 'Country',
    source: 'Source',
    period: (from: string, to: string) => `${from} – ${to}`,
    shareOfTotal: 'share',
    other: 'Other',
  },

  overview: {
    title: 'In this period',
    hint: 'The map as tables. Choose a name to see its details.',
    show: 'Tables',
    hide: 'Hide tables',
    name: 'Name',
    routes: 'Routes',
    points: 'Flow monitoring points',
    centres: 'Transit centres',
    observed: 'People observed',
    assisted: 'People assisted',
    inactive: 'not active',
  },

  chart: {
    timeSeriesDesc: (label: string, from: string, to: string, max: string) =>
      `${label} from ${from} to ${to}; highest week ${max}.`,
    tableCaption: (label: string) => `${label} (table)`,
    week: 'Week starting',
    count: 'Count',
    noData: 'No data',
  },
};

export type Strings = typeof en;
export const t: Strings = en;
