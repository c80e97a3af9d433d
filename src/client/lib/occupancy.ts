/** The occupancy formula lives in src/shared/occupancy.ts (the server's pressure forecast uses the same one). */
export { AVERAGE_STAY_DAYS, daysInclusive, estimateOccupancy, type Occupancy } from '../../shared/occupancy';
