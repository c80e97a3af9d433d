/**
 * Parameters of the illustrative (synthetic) Transit Atlas dataset, calibrated to the published figures listed in
 * data/README.md ("Calibration"). Every number here is either such a published figure or a plausible choice made to
 * join them up; the choices are commented. Nothing here is IOM data.
 *
 * Conventions: a "week" is the ISO week starting on the Monday written in the `date` column, and belongs to the month
 * (and year) of that Monday. Monthly figures are sums of the weeks whose Monday falls in the month.
 */
import type { Direction, Service, Transport } from '../../src/shared/enums';

export const MODEL_START = '2015-01-01';
/** Last year with its own parameters; later years (if asked for) repeat its seasonal pattern. */
export const MODEL_LAST_YEAR = 2019;

export const DEFAULT_SEED = 20150101;
export const DEFAULT_FROM = '2015-01-01';
export const DEFAULT_TO = '2019-12-31';

// ---------------------------------------------------------------------------------------------------------------
// Monitoring points
// ---------------------------------------------------------------------------------------------------------------

export const POINTS = {
  agadez: 'agadez-fmp',
  arlit: 'arlit-fmp',
  seguedine: 'seguedine-fmp',
  tahoua: 'tahoua-fmp',
  danbarto: 'danbarto-fmp',
  magaria: 'magaria-fmp',
  danissa: 'danissa-fmp',
  madama: 'madama-fmp',
} as const;

/** The seven points of the 2018–2019 reports ("daily average 624 (Aug 2018) to 2,112 (Jan 2019)"). */
export const SEVEN_POINTS = [POINTS.tahoua, POINTS.danbarto, POINTS.magaria, POINTS.danissa, POINTS.arlit, POINTS.seguedine, POINTS.madama] as const;

/** Points on the Niger–Nigeria border and the internal Tahoua point: local and seasonal movement. */
export const LOCAL_POINTS = [POINTS.tahoua, POINTS.danbarto, POINTS.magaria, POINTS.danissa] as const;
/** Relative size of the local points (Magaria sits on the busiest Kano–Zinder road). */
export const LOCAL_WEIGHT: Record<(typeof LOCAL_POINTS)[number], number> = {
  'tahoua-fmp': 0.9,
  'danbarto-fmp': 1.0,
  'magaria-fmp': 1.25,
  'danissa-fmp': 0.85,
};

/** Séguédine counts incoming flows only from this day (its outgoing role passes to Madama). */
export const SEGUEDINE_OUTGOING_UNTIL = '2018-12-31';

/** Weekly level tables: people a week, one value per calendar month (Jan…Dec). */
type Year = number;
export type MonthlyLevels = Record<Year, readonly number[]>;

/**
 * Agadez bus station, heading north (incoming). 2015 stands for the newsletter's "up to 2,500 a week through the
 * Agadez region" and the 120,000 forecast for the year; enforcement of law 2015-36 from Aug 2016 cuts it.
 */
export const AGADEZ_IN: MonthlyLevels = {
  2015: [2000, 2100, 2200, 2300, 2350, 2300, 2200, 2300, 2350, 2300, 2200, 2100],
  2016: [2150, 2300, 2500, 2700, 2850, 2800, 2700, 2150, 1350, 1000, 900, 850],
  2017: [800, 820, 790, 760, 740, 700, 680, 660, 650, 660, 650, 640],
  2018: [620, 610, 620, 600, 590, 570, 560, 570, 600, 630, 650, 660],
  2019: [660, 650, 640, 630, 610, 590, 580, 590, 620, 650, 670, 680],
};
/** Agadez bus station, heading south (outgoing): returnees; up after the crackdown and with the Feb 2017 Libya returns. */
export const AGADEZ_OUT: MonthlyLevels = {
  2015: [430, 420, 440, 450, 460, 470, 480, 470, 460, 450, 440, 430],
  2016: [450, 460, 470, 480, 500, 520, 540, 620, 900, 880, 820, 800],
  2017: [850, 1350, 1000, 780, 740, 720, 700, 690, 680, 680, 670, 660],
  2018: [650, 640, 650, 640, 630, 620, 610, 620, 640, 650, 660, 660],
  2019: [650, 640, 640, 630, 620, 610, 600, 610, 630, 640, 650, 660],
};

/**
 * Arlit + Séguédine together, Feb 2016 – Dec 2017: monthly totals. Published months are used as they are
 * (Sep, Oct, Dec 2016; Jan, Feb, Sep 2017); the others are chosen so that Feb–Apr 2016 has the published weekly means
 * (1,676 out, 833 in) and Feb–Dec 2016 the published totals (333,891 out, 111,230 in).
 * `pinned` weeks: the week of 16 May 2016 (16,351 out, 5,500 in).
 */
export const AS_OUT_MONTHLY: Record<string, number> = {
  '2016-02': 4300,
  '2016-03': 7000,
  '2016-04': 10500,
  '2016-05': 66000,
  '2016-06': 62000,
  '2016-07': 62000,
  '2016-08': 57876,
  '2016-09': 27138,
  '2016-10': 12654,
  '2016-11': 11500,
  '2016-12': 12923,
  '2017-01': 6524,
  '2017-02': 6329,
  '2017-03': 6100,
  '2017-04': 5900,
  '2017-05': 5700,
  '2017-06': 5400,
  '2017-07': 5200,
  '2017-08': 5100,
  '2017-09': 4972,
  '2017-10': 5000,
  '2017-11': 4800,
  '2017-12': 4700,
};
export const AS_IN_MONTHLY: Record<string, number> = {
  '2016-02': 2300,
  '2016-03': 3500,
  '2016-04': 5000,
  '2016-05': 21500,
  '2016-06': 17000,
  '2016-07': 17500,
  '2016-08': 21224,
  '2016-09': 18803,
  '2016-10': 1290,
  '2016-11': 1450,
  '2016-12': 1663,
  '2017-01': 8424,
  '2017-02': 27239,
  '2017-03': 12000,
  '2017-04': 6000,
  '2017-05': 4200,
  '2017-06': 3600,
  '2017-07': 3200,
  '2017-08': 2900,
  '2017-09': 2541,
  '2017-10': 2600,
  '2017-11': 2700,
  '2017-12': 2800,
};
export const AS_PINNED: Record<string, { outgoing: number; incoming: number }> = {
  '2016-05-16': { outgoing: 16351, incoming: 5500 },
};
export const AS_TABLE_LAST_MONTH = '2017-12';

/**
 * Share of the combined Arlit + Séguédine flow seen at Séguédine (outgoing: heading to Libya) and at Arlit
 * (incoming: back from Algeria). Feb–Apr 2016 reproduces the published route shares
 * (Niger→Libya 48 %, Niger→Algeria 19 %, Algeria→Niger 23 %, Libya→Niger 10 %).
 */
export function seguedineShareOfOutgoing(month: string): number {
  if (month <= '2016-04') return 48 / 67;
  if (month <= '2016-08') return 0.74;
  if (month === '2016-09') return 0.7;
  if (month <= '2016-12') return 0.66;
  return 0.62;
}
export function arlitShareOfIncoming(month: string): number {
  if (month <= '2016-04') return 23 / 33;
  if (month <= '2016-08') return 0.62;
  if (month === '2016-09') return 0.45;
  if (month <= '2016-12') return 0.6;
  if (month === '2017-01') return 0.45;
  if (month === '2017-02') return 0.15; // returns from Libya
  if (month === '2017-03') return 0.3;
  return 0.55;
}

/** Desert points from 2018 on (weekly levels). Algeria's expulsions keep Arlit incoming high. */
export const DESERT_LEVELS: Record<string, MonthlyLevels> = {
  'arlit-fmp/outgoing': {
    2018: [440, 430, 420, 410, 400, 390, 385, 380, 380, 385, 390, 395],
    2019: [400, 395, 390, 385, 380, 375, 370, 375, 380, 390, 395, 400],
  },
  'arlit-fmp/incoming': {
    2018: [420, 450, 480, 520, 540, 550, 560, 560, 570, 580, 590, 600],
    2019: [610, 600, 590, 580, 570, 560, 560, 570, 580, 590, 600, 610],
  },
  'seguedine-fmp/outgoing': {
    2018: [700, 680, 650, 620, 600, 570, 540, 520, 510, 500, 490, 480],
  },
  'seguedine-fmp/incoming': {
    2018: [330, 320, 310, 300, 290, 280, 270, 260, 260, 265, 270, 275],
    2019: [280, 285, 290, 295, 290, 285, 280, 280, 285, 290, 295, 300],
  },
  'madama-fmp/outgoing': {
    2019: [640, 630, 620, 610, 600, 590, 580, 590, 600, 610, 620, 630],
  },
};

/**
 * The seven points together, people a day (monthly average = weekly sum / 7 / number of weeks): published for
 * Aug 2018 (624) and Jan 2019 (2,112); the rest follows the dry-season pattern of Niger–Nigeria seasonal movement.
 * The local points take whatever the desert points do not.
 */
export const SEVEN_POINT_DAILY: Record<string, number> = {
  '2018-08': 624,
  '2018-09': 880,
  '2018-10': 1250,
  '2018-11': 1620,
  '2018-12': 1930,
  '2019-01': 2112,
  '2019-02': 2060,
  '2019-03': 1940,
  '2019-04': 1720,
  '2019-05': 1420,
  '2019-06': 1130,
  '2019-07': 930,
  '2019-08': 880,
  '2019-09': 1040,
  '2019-10': 1380,
  '2019-11': 1720,
  '2019-12': 1980,
};

/** Share of a local point's flow that is outgoing (border points: towards Nigeria; Tahoua: southbound). */
export function localOutgoingShare(point: string, calMonth: number): number {
  if (point === POINTS.tahoua) return 0.45;
  // Post-harvest departures to Nigeria (Sep–Jan), returns before the rains (May–Jul).
  const byMonth = [0.55, 0.5, 0.5, 0.48, 0.43, 0.42, 0.43, 0.46, 0.54, 0.56, 0.57, 0.56];
  return byMonth[calMonth - 1]!;
}

// ---------------------------------------------------------------------------------------------------------------
// Composition: nationality, sex × age, transport
// ---------------------------------------------------------------------------------------------------------------

export type Shares = Readonly<Record<string, number>>;

/** Heading to Libya, Feb–Apr 2016: Nigeria 32 %, Niger 21 %, Senegal 16 %, Gambia 11 %, Côte d'Ivoire 7 %, rest spread. */
export const NAT_TO_LIBYA: Shares = {
  NGA: 32,
  NER: 21,
  SEN: 16,
  GMB: 11,
  CIV: 7,
  MLI: 3,
  GIN: 3,
  GHA: 2,
  BFA: 1.5,
  CMR: 1,
  SLE: 1,
  LBR: 0.5,
  TCD: 0.5,
  BEN: 0.3,
  TGO: 0.2,
};
/** Heading to Algeria, Feb–Apr 2016: Niger 37 %, Mali 13 %, Cameroon 10 %, Burkina Faso 10 %, Guinea-Bissau 6 %, rest spread. */
export const NAT_TO_ALGERIA: Shares = {
  NER: 37,
  MLI: 13,
  CMR: 10,
  BFA: 10,
  GNB: 6,
  GIN: 5,
  CIV: 4,
  NGA: 4,
  SEN: 3,
  GHA: 2,
  BEN: 2,
  TGO: 1.5,
  SLE: 1,
  LBR: 0.5,
  GMB: 0.5,
  TCD: 0.5,
};
/** Back from Algeria (including people expelled). */
export const NAT_FROM_ALGERIA: Shares = {
  NER: 45,
  MLI: 12,
  GIN: 8,
  CMR: 7,
  BFA: 7,
  CIV: 6,
  NGA: 5,
  SEN: 3,
  GNB: 2,
  GHA: 1.5,
  BEN: 1,
  TGO: 1,
  SLE: 1,
  LBR: 0.5,
};
/** Back from Libya. */
export const NAT_FROM_LIBYA: Shares = {
  NER: 35,
  NGA: 20,
  TCD: 8,
  SEN: 7,
  GMB: 6,
  MLI: 6,
  CIV: 5,
  GHA: 4,
  GIN: 3,
  BFA: 2,
  CMR: 2,
  SLE: 1,
  LBR: 0.5,
  BEN: 0.5,
};
/** Agadez bus station, heading north: people bound for Libya and Algeria plus Nigeriens. */
export const NAT_AGADEZ_NORTH: Shares = {
  NER: 25,
  NGA: 20,
  SEN: 12,
  GMB: 8,
  MLI: 8,
  CIV: 6,
  GIN: 5,
  BFA: 4,
  CMR: 4,
  GHA: 3,
  GNB: 2,
  SLE: 1,
  LBR: 1,
  BEN: 0.5,
  TGO: 0.5,
};
export const NAT_AGADEZ_SOUTH: Shares = {
  NER: 45,
  NGA: 12,
  MLI: 8,
  SEN: 6,
  GIN: 5,
  CIV: 5,
  GMB: 4,
  BFA: 4,
  CMR: 3,
  GHA: 3,
  TCD: 2,
  GNB: 1.5,
  SLE: 1,
  BEN: 1,
  TGO: 0.5,
};
/** Niger–Nigeria border points: Nigeriens and Nigerians moving locally and seasonally. */
export const NAT_BORDER: Shares = { NER: 83, NGA: 14, BEN: 0.8, TCD: 0.6, MLI: 0.4, CMR: 0.4, GHA: 0.3, BFA: 0.3, TGO: 0.2 };
/** Tahoua, on the Niamey–Agadez axis. */
export const NAT_TAHOUA: Shares = { NER: 84, NGA: 8, MLI: 2.5, BFA: 1.5, SEN: 1, GIN: 1, CIV: 0.8, GMB: 0.5, CMR: 0.4, GHA: 0.3 };

/** From 2018 the desert points see mostly Nigeriens (circular migration and Algeria's expulsions). */
export const DESERT_NER_FROM_2018: Record<string, number> = {
  'arlit-fmp/incoming': 0.65,
  'arlit-fmp/outgoing': 0.5,
  'seguedine-fmp/outgoing': 0.45,
  'seguedine-fmp/incoming': 0.45,
  'madama-fmp/outgoing': 0.45,
};

/** Blend shares towards Niger (NER) so that NER has share `target`. */
export function withNigerShare(shares: Shares, target: number): Record<string, number> {
  const total = Object.values(shares).reduce((a, b) => a + b, 0);
  const base = (shares.NER ?? 0) / total;
  if (target <= base) return { ...shares };
  const alpha = (target - base) / (1 - base);
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(shares)) out[k] = (1 - alpha) * (v / total) + (k === 'NER' ? alpha : 0);
  if (!('NER' in out)) out.NER = alpha;
  return out;
}

export function flowNationalities(point: string, direction: Direction, month: string): Shares {
  const key = `${point}/${direction}`;
  let base: Shares;
  switch (point) {
    case POINTS.agadez:
      base = direction === 'incoming' ? NAT_AGADEZ_NORTH : NAT_AGADEZ_SOUTH;
      break;
    case POINTS.arlit:
      base = direction === 'outgoing' ? NAT_TO_ALGERIA : NAT_FROM_ALGERIA;
      break;
    case POINTS.seguedine:
    case POINTS.madama:
      base = direction === 'outgoing' ? NAT_TO_LIBYA : NAT_FROM_LIBYA;
      break;
    case POINTS.tahoua:
      base = NAT_TAHOUA;
      break;
    default:
      base = NAT_BORDER;
  }
  const ner = DESERT_NER_FROM_2018[key];
  if (ner !== undefined && month >= '2018-01') return withNigerShare(base, ner);
  if (ner !== undefined && month >= '2017-01') return withNigerShare(base, (ner + (base.NER ?? 0) / 100) / 2);
  return base;
}

/**
 * Sex × age: probability of a minor, of a woman among adults and of a girl among minors.
 * 2016 (published): 88–95 % men; minors 2.9 % at Séguédine, 9.4 % at Arlit. Sep 2017: 94 % men, 2 % minors.
 */
export interface SexAge {
  minor: number;
  femaleAdult: number;
  femaleMinor: number;
}
export function flowSexAge(point: string, month: string): SexAge {
  if (point === POINTS.agadez) return { minor: 0.05, femaleAdult: 0.07, femaleMinor: 0.25 };
  if ((LOCAL_POINTS as readonly string[]).includes(point)) return { minor: 0.07, femaleAdult: 0.12, femaleMinor: 0.4 };
  if (month < '2017-01') {
    return point === POINTS.arlit ? { minor: 0.094, femaleAdult: 0.085, femaleMinor: 0.3 } : { minor: 0.029, femaleAdult: 0.055, femaleMinor: 0.2 };
  }
  if (month < '2018-01') return { minor: 0.02, femaleAdult: 0.058, femaleMinor: 0.2 };
  return { minor: 0.04, femaleAdult: 0.07, femaleMinor: 0.3 };
}

/** Transport shares in TRANSPORTS order: car, bus, truck, motorbike, other. */
export function flowTransport(point: string, month: string): Record<Transport, number> {
  if (point === POINTS.agadez) return { car: 0.18, bus: 0.6, truck: 0.12, motorbike: 0.03, other: 0.07 };
  if (point === POINTS.tahoua) return { car: 0.55, bus: 0.36, truck: 0.05, motorbike: 0.03, other: 0.01 };
  if ((LOCAL_POINTS as readonly string[]).includes(point)) return { car: 0.71, bus: 0.17, truck: 0.04, motorbike: 0.07, other: 0.01 };
  // Desert legs: pick-ups (car) and lorries; after the law, private 4×4 cars replace the lorry convoys.
  if (month < '2018-01') return { car: 0.52, bus: 0, truck: 0.4, motorbike: 0, other: 0.08 };
  return { car: 0.78, bus: 0, truck: 0.16, motorbike: 0.01, other: 0.05 };
}

/** Relative weight of each weekday (Mon…Sun) when a weekly count is spread over days (scale > 1). */
export const WEEKDAY_WEIGHTS = [1.05, 1.0, 1.0, 1.0, 1.1, 0.95, 0.9] as const;

// ---------------------------------------------------------------------------------------------------------------
// Transit centres
// ---------------------------------------------------------------------------------------------------------------

export const CENTRES = ['agadez-tc', 'arlit-tc', 'dirkou-tc', 'niamey-tc'] as const;
export type Centre = (typeof CENTRES)[number];

export interface AssistanceYear {
  /** People assisted (shelter_food) in the year. */
  people: number;
  /** Assisted voluntary returns in the year (voluntary_return; equals returns.csv). */
  avr: number;
  /** Relative weight of each calendar month. */
  season: readonly number[];
  centreShare: Record<Centre, number>;
  nationality: Shares;
  female: number;
  minor: number;
  /** Share of minors who are unaccompanied (family_tracing). */
  unaccompanied: number;
  health: number;
  counselling: number;
  unhcrReferral: number;
  /** Share of voluntary returnees also given reintegration assistance. */
  reintegration: number;
}

/**
 * Published: >6,000 assisted Jan–Jun 2015; ≈15,000 in 2016; 9,099 in 2017; >20,077 in 2018;
 * AVR 1,721 (2015), ≈5,000 (2016), ≈7,000 (2017), 14,977 (2018). 2017 profile: Guinea 17 %, Senegal 17 %,
 * Nigeria 13 %, Mali 8 %; 88 % men; 42 % of minors unaccompanied. 2015's total and all of 2019 are choices.
 */
export const ASSISTANCE: Record<number, AssistanceYear> = {
  2015: {
    people: 12400,
    avr: 1721,
    season: [1.02, 1.02, 1.05, 1.05, 1.02, 0.98, 0.95, 0.95, 0.98, 0.98, 0.97, 0.95],
    centreShare: { 'agadez-tc': 0.56, 'arlit-tc': 0.12, 'dirkou-tc': 0.08, 'niamey-tc': 0.24 },
    nationality: { SEN: 15, MLI: 14, NGA: 12, GIN: 10, GMB: 9, CIV: 8, CMR: 7, BFA: 6, NER: 5, GNB: 4, GHA: 3, SLE: 3, LBR: 2, BEN: 1, TGO: 1, TCD: 0.5 },
    female: 0.13,
    minor: 0.1,
    unaccompanied: 0.38,
    health: 0.6,
    counselling: 0.36,
    unhcrReferral: 0.02,
    reintegration: 0.05,
  },
  2016: {
    people: 15000,
    avr: 5000,
    season: [0.8, 0.8, 0.85, 0.9, 0.95, 0.95, 1.0, 1.1, 1.25, 1.2, 1.1, 1.1],
    centreShare: { 'agadez-tc': 0.58, 'arlit-tc': 0.13, 'dirkou-tc': 0.09, 'niamey-tc': 0.2 },
    nationality: { SEN: 16, GIN: 15, NGA: 14, MLI: 10, GMB: 9, CIV: 8, CMR: 7, BFA: 5, GNB: 4, NER: 3, SLE: 3, GHA: 2, LBR: 2, BEN: 1, TGO: 1, TCD: 0.5 },
    female: 0.12,
    minor: 0.1,
    unaccompanied: 0.4,
    health: 0.63,
    counselling: 0.38,
    unhcrReferral: 0.025,
    reintegration: 0.12,
  },
  2017: {
    people: 9099,
    avr: 7000,
    season: [1.1, 1.3, 1.1, 1.0, 0.95, 0.9, 0.9, 0.9, 0.95, 0.95, 1.0, 1.0],
    centreShare: { 'agadez-tc': 0.55, 'arlit-tc': 0.14, 'dirkou-tc': 0.09, 'niamey-tc': 0.22 },
    nationality: { GIN: 17, SEN: 17, NGA: 13, MLI: 8, CIV: 9, GMB: 8, CMR: 6, BFA: 5, GNB: 4, SLE: 4, LBR: 2, GHA: 2, BEN: 1.5, TGO: 1.5, NER: 1, TCD: 1 },
    female: 0.12,
    minor: 0.09,
    unaccompanied: 0.42,
    health: 0.66,
    counselling: 0.4,
    unhcrReferral: 0.03,
    reintegration: 0.35,
  },
  2018: {
    people: 20640,
    avr: 14977,
    season: [0.8, 0.85, 0.9, 0.95, 1.0, 1.05, 1.1, 1.1, 1.1, 1.1, 1.05, 1.0],
    centreShare: { 'agadez-tc': 0.5, 'arlit-tc': 0.21, 'dirkou-tc': 0.08, 'niamey-tc': 0.21 },
    nationality: { GIN: 18, MLI: 14, CIV: 11, SEN: 10, NGA: 8, CMR: 8, BFA: 7, GMB: 5, NER: 4, GNB: 4, SLE: 4, LBR: 2, GHA: 2, BEN: 1.5, TGO: 1, TCD: 0.5 },
    female: 0.13,
    minor: 0.1,
    unaccompanied: 0.4,
    health: 0.68,
    counselling: 0.42,
    unhcrReferral: 0.04,
    reintegration: 0.45,
  },
  2019: {
    people: 19400,
    avr: 14150,
    season: [1.0, 1.0, 1.05, 1.05, 1.0, 0.95, 0.95, 0.95, 1.0, 1.0, 1.02, 1.03],
    centreShare: { 'agadez-tc': 0.5, 'arlit-tc': 0.2, 'dirkou-tc': 0.08, 'niamey-tc': 0.22 },
    nationality: { GIN: 19, MLI: 15, CIV: 10, SEN: 9, NGA: 7, CMR: 8, BFA: 7, GMB: 5, NER: 4, GNB: 4, SLE: 5, LBR: 2, GHA: 2, BEN: 1.5, TGO: 1, TCD: 0.5 },
    female: 0.13,
    minor: 0.1,
    unaccompanied: 0.4,
    health: 0.7,
    counselling: 0.42,
    unhcrReferral: 0.05,
    reintegration: 0.5,
  },
};

/** Services in the order they are derived; shelter_food is everyone hosted. */
export const SERVICE_ORDER: readonly Service[] = [
  'shelter_food',
  'voluntary_return',
  'health',
  'counselling',
  'unhcr_referral',
  'family_tracing',
  'reintegration',
];

// ---------------------------------------------------------------------------------------------------------------
// Timeline annotations (dataset.json "events")
// ---------------------------------------------------------------------------------------------------------------

export const EVENTS = [
  {
    date: '2015-05-26',
    label: 'Law 2015-36 against the illicit smuggling of migrants adopted',
    labelFr: 'Adoption de la loi 2015-36 relative au trafic illicite de migrants',
    source: 'Republic of Niger, Loi n° 2015-36 du 26 mai 2015',
  },
  {
    date: '2016-02-01',
    label: 'Flow monitoring starts at Arlit and Séguédine',
    labelFr: 'Début du suivi des flux à Arlit et Séguédine',
    source: 'IOM DTM Niger flow monitoring reports (used for calibration only)',
  },
  {
    date: '2016-08-01',
    label: 'Enforcement of law 2015-36 against migrant smuggling begins',
    labelFr: 'Début de l’application de la loi 2015-36 contre le trafic de migrants',
    source: 'IOM DTM Niger flow monitoring reports (used for calibration only)',
  },
  {
    date: '2017-02-01',
    label: 'Returns from Libya: incoming flows peak at Séguédine',
    labelFr: 'Retours de Libye : pic des flux entrants à Séguédine',
    source: 'IOM DTM Niger flow monitoring reports (used for calibration only)',
  },
  {
    date: '2018-08-01',
    label: 'Monitoring extends to Tahoua, Dan Barto, Magaria',
    labelFr: 'Le suivi s’étend à Tahoua, Dan Barto et Magaria',
    source: 'IOM DTM Niger flow monitoring reports; points as in Martínez Flores et al. 2024',
  },
  {
    date: '2018-09-01',
    label: 'Dan Issa point opens',
    labelFr: 'Ouverture du point de Dan Issa',
    source: 'IOM flow monitoring point list, Martínez Flores et al. 2024',
  },
  {
    date: '2019-01-01',
    label: 'Madama point opens; Séguédine counts incoming only',
    labelFr: 'Ouverture du point de Madama ; Séguédine ne compte plus que les entrées',
    source: 'IOM DTM Niger flow monitoring reports; points as in Martínez Flores et al. 2024',
  },
] as const;
