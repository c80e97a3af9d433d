/** Dictionaries shared by the data generator, the server and the client. One source of truth. */

export const PLACE_KINDS = ['office', 'transit_centre', 'monitoring_point', 'hub', 'border_crossing'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export const DIRECTIONS = ['incoming', 'outgoing'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const SEXES = ['f', 'm'] as const;
export type Sex = (typeof SEXES)[number];

export const AGE_GROUPS = ['adult', 'minor'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export const TRANSPORTS = ['car', 'bus', 'truck', 'motorbike', 'other'] as const;
export type Transport = (typeof TRANSPORTS)[number];

export const SERVICES = ['health', 'shelter_food', 'family_tracing', 'unhcr_referral', 'voluntary_return', 'counselling', 'reintegration'] as const;
export type Service = (typeof SERVICES)[number];

/** Every person hosted at a transit centre receives shelter and food: that service's count is "people assisted". */
export const PEOPLE_ASSISTED_SERVICE: Service = 'shelter_food';

export const FLOW_GROUP_BY = ['point', 'route', 'region', 'week', 'month', 'year', 'direction', 'nationality', 'sex', 'ageGroup', 'transport'] as const;
export type FlowGroupBy = (typeof FLOW_GROUP_BY)[number];

export const ASSISTANCE_GROUP_BY = ['centre', 'region', 'service', 'week', 'month', 'year', 'nationality', 'sex', 'ageGroup'] as const;
export type AssistanceGroupBy = (typeof ASSISTANCE_GROUP_BY)[number];

export const RETURNS_GROUP_BY = ['destination', 'centre', 'month', 'year'] as const;
export type ReturnsGroupBy = (typeof RETURNS_GROUP_BY)[number];

/** Most dimensions one request may group by (before any role-specific cap). */
export const MAX_GROUP_BY = 3;

export const ISO3_PATTERN = /^[A-Z]{3}$/;
export const PLACE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * Who is asking. `public` is anyone not signed in; the others are accounts (see `npm run users`).
 * What each role may see is decided by the server's policy table (src/server/access/policy.ts), never by the client.
 */
export const ROLES = ['public', 'donor', 'government', 'programme', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles an account can have (everyone else is `public`). */
export const ACCOUNT_ROLES = ['donor', 'government', 'programme', 'admin'] as const satisfies readonly Role[];
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** Audiences outside the programme: their answers pass disclosure control and are capped at 2 breakdown dimensions. */
export const EXTERNAL_ROLES = ['public', 'donor', 'government'] as const satisfies readonly Role[];

/** Services never broken down by nationality × sex × age group for external roles (protection-sensitive). */
export const PROTECTION_SENSITIVE_SERVICES = ['family_tracing', 'unhcr_referral'] as const satisfies readonly Service[];

/** Shortest password an account may have. */
export const MIN_PASSWORD_LENGTH = 10;
