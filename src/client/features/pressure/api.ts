/** GET /api/v1/pressure: fetcher and hook (validated with the shared schema; loaded with the panel, after the first map). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { pressureResponse, type PressureResponse } from '../../../shared/api-pressure';
import { fetchJson } from '../../api/client';

export interface PressureParams {
  threshold: number;
  horizon: number;
  stayDays: number;
}

export const usePressure = (p: PressureParams) =>
  useQuery<PressureResponse>({
    queryKey: ['pressure', p.threshold, p.horizon, p.stayDays],
    queryFn: ({ signal }) =>
      fetchJson('/pressure', pressureResponse, {
        signal,
        params: { threshold: String(p.threshold), horizon: String(p.horizon), stayDays: String(p.stayDays) },
      }),
    placeholderData: keepPreviousData,
  });
