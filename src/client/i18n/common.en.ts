/**
 * The `common` namespace in English: the shell, the map and the shared components (loaded with the first page).
 * Every value is a string: parameters are i18next interpolations (`{{date}}`), counts that choose a singular or a
 * plural are i18next plurals (`key_one` / `key_other`, given `count`), yes/no variants are i18next contexts
 * (`key` / `key_signedOut`, given `context`). src/client/i18n/common.fr.ts has the same keys.
 */
export const common = {
  appTitle: 'Transit Atlas',
  appSubtitle: 'Migrant flows and IOM assistance through Niger',
  illustrativeBadge: 'Illustrative data',
  illustrativeFallback: 'Illustrative data — synthetic, not IOM data',
  dataAsOf: 'Data as of {{date}}',
  loading: 'Loading…',
  updating: 'Updating…',
  basemapFallback: 'The online basemap could not be loaded: showing the offline map.',
  retry: 'Retry',
  close: 'Close',
  empty: 'No observations for this period and filter',
  errorTitle: 'Something went wrong',
  suppressed: 'withheld',
  suppressedTitle: 'Withheld to protect individuals: not published',
  forbiddenTitle: 'Not available without signing in',
  forbidden: 'This level of detail needs a signed-in account. Regional (admin-1) figures remain available.',
  staleAsOf: 'Could not refresh — showing data as of {{time}}',

  /** Failures of the API client shown to a person (src/client/api/client.ts, features' api.ts). */
  errors: {
    network: 'The server could not be reached.',
    httpStatus: 'The server answered {{status}} {{statusText}}',
    unexpectedAnswer: 'Unexpected answer from {{url}} ({{where}})',
    unexpectedAnswerFrom: 'Unexpected answer from {{url}}',
  },

  /**
   * How counts of outside roles are protected (cell-key perturbation): markers, footnotes and the methodology note.
   * `{{range}}` is the true counts a cell withholds for threshold k ("1–9" for k = 10, "1" for k ≤ 2), computed by
   * the caller; `{{threshold}}` is k.
   */
  protection: {
    perturbedLabel: 'perturbed to protect individuals',
    perturbedTitle: 'Perturbed to protect individuals: each published cell is within ±{{maxNoise}} of the true count',
    partialLabel: 'some cells withheld',
    partialTitle: 'Some cells were withheld to protect individuals and are not in this count',
    withheld: 'withheld',
    withheldTitle: 'Withheld to protect individuals: not published',
    approximateLabel: 'approximate: worked out from perturbed counts',
    footnote: 'Counts are perturbed by up to ±{{maxNoise}} and counts of {{range}} are withheld to protect individuals; totals add up published cells.',
    footnotePartial: 'some cells withheld: they are not in this count.',
    footnoteWithheld: 'not published, to protect individuals.',
    methodTitle: 'How counts are protected',
    /** {{zeroUpTo}} = k + maxNoise − 1; {{maxPerWithheldCell}} = k − 1. */
    method: {
      p1: 'These numbers are protected by the cell-key method, as in the Australian Bureau of Statistics’ TableBuilder and the UK’s 2021 Census flexible tables. The published cells are a calendar month (or year) × a monitoring point or transit centre × at most one breakdown (such as nationality, or sex and age group).',
      p2: 'Each published cell gets a fixed amount of noise, between −{{maxNoise}} and +{{maxNoise}}, derived from a secret key: the same cell always gets the same noise however it is asked for, so asking again, or another way, reveals nothing new. A cell whose true count is {{range}} is withheld (“withheld”); a count from {{threshold}} to {{zeroUpTo}} may be published as 0. Every other number (a longer period, a route, a region, a total) is the sum of the published cells it covers.',
      p3: 'Accuracy: each published cell is within ±{{maxNoise}} of the true count, and a sum of n cells within ±n × {{maxNoise}} (the noise is unbiased, so it mostly cancels out and sums are usually much closer). A count marked † leaves out cells that were withheld, so it is lower than the true count (by at most {{maxPerWithheldCell}} per withheld cell). Each cell is perturbed on its own, so the rows of a breakdown need not add up to the total beside them. Shares, changes and occupancy worked out from these counts are approximate too (≈).',
      p4: 'Programme staff, signed in with a programme account, see exact counts by day and week.',
    },
    parameters: 'Parameters of this answer: threshold k = {{threshold}}, largest noise ±{{maxNoise}}, published cells by month.',
    imageNote: '≈ perturbed counts (each cell within ±{{maxNoise}}); small counts withheld',
  },

  views: {
    label: 'View',
    flows: 'Flows',
    donor: 'Donor impact',
    hotspots: 'Hotspots',
  },
  language: { label: 'Language', en: 'English', fr: 'Français' },
  hotspots: {
    placeholder: 'The hotspot regions view is being built: the regional choropleth and ranked table will appear here.',
    region: 'Region (admin-1)',
    title: 'Hotspot regions',
  },
  donor: {
    capitals: 'Capital of origin: circle sized and labelled by people returned. Arcs: from the centre chosen beside the map.',
    returns: 'Voluntary returns — width = people returned',
    returnsTable: 'Voluntary returns by destination',
    destination: 'Country of origin',
    returned: 'People returned',
    centres: 'Transit centres — people assisted',
    occupancy: 'Occupancy against capacity',
    occupancyFormula:
      'Estimated average nightly residents = people assisted × {{stayDays}} days average stay ÷ days in the period, as a share of capacity (the {{stayDays}}-day stay is an assumption).',
    monthly: 'People assisted per month',
    print: 'Print brief',
  },
  time: {
    flowsTitle: 'People observed over the whole data range — drag to choose the period',
    assistedTitle: 'People assisted over the whole data range — drag to choose the period',
    play: 'Play',
    pause: 'Pause',
    snap: 'Snap to',
    week: 'weeks',
    month: 'months',
    brushLabel: 'Weekly totals over the whole data range with the chosen period highlighted; use the date fields to type a period.',
    scale: 'Scale',
    scaleAuto: 'fitted to this period',
    scaleFixed: 'fixed over all years (comparable while playing)',
  },
  compare: {
    change: 'Change',
    against: 'Change against the previous equal period, {{from}} – {{to}}',
    colourBy: 'Colour routes by',
    byDirection: 'Direction',
    byChange: 'Change vs previous period',
    legendTitle: 'Change in people observed vs previous period',
    noChange: 'No base to compare with',
    search: 'Find a place or route',
    searchHint: 'Type a name, then choose it to select it on the map',
  },
  exports: {
    label: 'Download',
    csv: 'CSV',
    geojson: 'GeoJSON',
    png: 'PNG image',
  },

  filters: {
    label: 'Filters',
    from: 'From',
    to: 'To',
    presets: 'Year',
    wholeRange: 'All',
    latestWeeks: 'Latest 4 weeks',
    latestMonth: 'Latest month',
    direction: 'Direction',
    nationality: 'Nationality',
    sex: 'Sex',
    ageGroup: 'Age group',
    any: 'All',
    reset: 'Reset filters',
    invalidDate: 'Pick a date between {{min}} and {{max}}',
    dateFormat: 'YYYY-MM-DD',
    dateFormatHint: 'Type a date as year-month-day, e.g. 2019-03-04, or day/month/year.',
    fromAfterTo: 'From is after To ({{to}}): pick an earlier date, or move To first.',
    toBeforeFrom: 'To is before From ({{from}}): pick a later date, or move From first.',
    snappedWeek: 'Whole weeks, Monday to Sunday: set to {{date}}.',
    snappedMonth: 'Whole months: set to {{date}}.',
  },

  /** Keyed by the enums of src/shared/enums.ts. */
  direction: { incoming: 'Incoming', outgoing: 'Outgoing' },
  directionHint: {
    incoming: 'heading further into Niger',
    outgoing: 'heading towards Niger’s borders',
  },
  sex: { f: 'Women and girls', m: 'Men and boys' },
  transport: { car: 'Car', bus: 'Bus', truck: 'Truck', motorbike: 'Motorbike', other: 'Other' },
  ageGroup: { adult: 'Adults', minor: 'Minors' },
  /** Keyed by `${sex}_${ageGroup}` (was `${sex}|${ageGroup}`). */
  sexAge: {
    f_adult: 'Women',
    m_adult: 'Men',
    f_minor: 'Girls',
    m_minor: 'Boys',
  },

  placeKind: {
    office: 'IOM office',
    transit_centre: 'Transit centre',
    monitoring_point: 'Flow monitoring point',
    hub: 'Hub city',
    border_crossing: 'Border crossing',
  },

  service: {
    health: 'Health care',
    shelter_food: 'Shelter and food',
    family_tracing: 'Family tracing',
    unhcr_referral: 'Referral to UNHCR',
    voluntary_return: 'Assisted voluntary return',
    counselling: 'Counselling',
    reintegration: 'Reintegration',
  },

  metric: {
    observed: 'people observed',
    assisted: 'people assisted',
    notMonitored: 'not monitored — no flow monitoring point on this route',
    inactive: 'not active in this period (from {{date}})',
    withheld: '{{what}}: withheld',
  },

  map: {
    attribution: 'Places: GeoNames (CC BY 4.0)',
  },

  /**
   * MapLibre's own words (its `locale` option; map/maplibre-locale.ts maps these keys to MapLibre's ids, e.g.
   * `mapTitle` → 'Map.Title'). Units of the scale control are symbols and stay MapLibre's.
   */
  maplibre: {
    mapTitle: 'Map',
    toggleAttribution: 'Toggle attribution',
    mapFeedback: 'Map feedback',
    logoTitle: 'MapLibre logo',
    markerTitle: 'Map marker',
    popupClose: 'Close popup',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    resetBearing: 'Drag to rotate map, click to reset north',
    fullscreenEnter: 'Enter fullscreen',
    fullscreenExit: 'Exit fullscreen',
    findMyLocation: 'Find my location',
    locationNotAvailable: 'Location not available',
    globeEnable: 'Enable globe',
    globeDisable: 'Disable globe',
    terrainEnable: 'Enable terrain',
    terrainDisable: 'Disable terrain',
    ctrlScrollHelp: 'Use Ctrl + scroll to zoom the map',
    cmdScrollHelp: 'Use ⌘ + scroll to zoom the map',
    twoFingersHelp: 'Use two fingers to move the map',
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
    centreEmpty: 'faint: nobody assisted in the period',
    inactivePoint: 'Monitoring point not active in period',
    sideBySide: 'Places in the same town are drawn side by side.',
  },

  panel: {
    region: 'Panel',
    peopleAssisted: 'People assisted',
    peopleObserved: 'People observed',
    capacity: 'Capacity',
    places: '{{capacity}} places',
    byDirection: 'By direction',
    services: 'Services delivered',
    weekly: 'Per week',
    weeklyAssisted: 'People assisted per week',
    weeklyObserved: 'People observed per week',
    monthlyObserved: 'People observed per month',
    bySex: 'By sex',
    byAge: 'By age group',
    byNationality: 'By nationality',
    bySexAge: 'By sex and age group',
    byTransport: 'By means of transport',
    activeFrom: 'Active from',
    observes: 'Observes routes',
    monitoredBy: 'Monitored by',
    corridor: 'Corridor',
    length: 'Length',
    km: '{{distance}} km',
    onRoutes: 'On routes',
    noFigures: 'No figures are recorded for this place.',
    notMonitored: 'No flow monitoring point observes this route, so there are no counts for it.',
    country: 'Country',
    source: 'Source',
    period: '{{from}} – {{to}}',
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
    timeSeriesDesc: '{{label}} from {{from}} to {{to}}; highest week {{max}}.',
    tableCaption: '{{label}} (table)',
    week: 'Week starting',
    month: 'Month',
    count: 'Count',
    noData: 'No data',
    perturbedNote: 'Counts perturbed to protect individuals.',
    partialNote: '† Some points leave out withheld cells.',
    withheldNote_one: 'Gap (○): {{count}} point withheld to protect individuals.',
    withheldNote_other: 'Gaps (○): {{count}} points withheld to protect individuals.',
  },

  /**
   * What a role can use (was src/client/lib/access-strings.ts). `{{audience}}` is an `access.audience.*` value,
   * `{{forWhom}}` an `access.viewFor.*` value, `{{view}}` a `views.*` value, `{{account}}` an `access.account.*`
   * value; `{{filter}}` is a filter's label in lower case and `{{filters}}` a list of them joined by the caller
   * (Intl.ListFormat: "a, b and c" / "a, b or c").
   */
  access: {
    /** Who a role is, in "for …" phrases. */
    audience: {
      public: 'signed-out visitors',
      donor: 'donors',
      government: 'government liaisons',
      programme: 'programme staff',
      admin: 'administrators',
    },
    /** The account a role signs in with ("your donor account"). */
    account: { public: '', donor: 'donor', government: 'government', programme: 'programme', admin: 'admin' },
    /** Who a view is for (the roles whose access includes it). */
    viewFor: {
      flows: 'every visitor',
      donor: 'donors and programme staff',
      hotspots: 'government liaisons and programme staff',
    },
    /** Context `signedOut` when nobody is signed in. */
    viewNotice: '{{view}} is for {{forWhom}}: your {{account}} account does not include it.',
    viewNotice_signedOut: '{{view}} is for {{forWhom}} — sign in to see it.',
    dismiss: 'Dismiss',
    /** Why a filter is disabled. */
    notInView: {
      flows: 'Not applied in this view.',
      donor: 'Not applied in $t(views.donor): assistance is not counted by {{filter}}.',
      hotspots: 'Not applied in $t(views.hotspots): regions are ranked by everyone counted.',
    },
    notForAudience: 'Not applied in {{view}} for {{audience}}: its counts are not published by {{filter}}.',
    oneAtATime: 'One breakdown at a time for {{audience}}; clear {{filters}} first.',
    wholeMonths: 'Whole months for {{audience}}: dates move to the 1st and the last day of their month.',
    centresNotFiltered: 'Transit centres show people assisted, not filtered by {{filters}}.',
    /** The filter bar, when none of its breakdown filters applies in the view for the role. */
    noBreakdownApplies: 'Direction, nationality, sex and age group are not applied in {{view}} for {{audience}} (hover over a filter for the reason).',
    /** A panel breakdown asked without some filters (one breakdown at a time). */
    breakdownNotFiltered: 'Not filtered by {{filters}}: one breakdown at a time for {{audience}}.',
    /** A panel breakdown the role cannot be sent at all. */
    breakdownLocked: 'Not published for {{audience}}: one breakdown of the people counted at a time. Programme staff see it.',
  },
};
