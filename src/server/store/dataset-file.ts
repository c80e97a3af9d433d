/** data/dataset.json: the dataset's description, as every engine records it (dataset_meta.dataset_json). */
import { z } from 'zod';
import { isoDate } from '../../shared/api';

export const datasetFile = z.looseObject({
  title: z.string().min(1),
  illustrative: z.boolean(),
  notice: z.string(),
  noticeFr: z.string().optional(),
  seed: z.unknown().optional(),
  generator: z.string().optional(),
  dataAsOf: isoDate,
  dateRange: z.object({ min: isoDate, max: isoDate }).optional(),
  events: z.array(z.object({ date: isoDate, label: z.string(), labelFr: z.string().optional(), source: z.string() })).default([]),
});
