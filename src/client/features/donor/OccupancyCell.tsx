/** Estimated occupancy as a percentage, with the formula and its assumption in the tooltip. */
import { formatPercent } from '../../lib/format';
import { t } from '../../lib/strings';
import { AVERAGE_STAY_DAYS } from './occupancy';

export function OccupancyCell({ share }: { share: number | null }) {
  return (
    <span title={t.donor.occupancyFormula(AVERAGE_STAY_DAYS)} data-testid="occupancy">
      {share === null ? '—' : formatPercent(share)}
    </span>
  );
}
