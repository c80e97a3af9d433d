/**
 * What the pressure panel asks and shows, shared by the panel and the rings it draws on the map: whether it is open
 * (the rings are drawn while it is), the early-warning threshold, the weeks ahead and the assumed stay. Lives in the
 * pressure chunk (loaded after the first map), not in the first load.
 */
import { create } from 'zustand';
import { PRESSURE_DEFAULTS } from '../../../shared/api-pressure';

export interface PressureState {
  open: boolean;
  threshold: number;
  horizon: number;
  stayDays: number;
}

export const usePressureState = create<PressureState>()(() => ({
  open: false,
  threshold: PRESSURE_DEFAULTS.threshold,
  horizon: PRESSURE_DEFAULTS.horizon,
  stayDays: PRESSURE_DEFAULTS.stayDays,
}));
