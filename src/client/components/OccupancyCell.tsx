/**
 * Estimated occupancy as a percentage, with the formula and its assumption in the tooltip. Worked out from a perturbed
 * (or partial) count of people assisted, it is approximate and reads "≈45%" (the mark labelled as such).
 */
import { ApproxMark } from './Count';
import { formatPercent } from '../i18n/format';
import { useLanguage, useTranslation } from '../i18n/i18n';
import { AVERAGE_STAY_DAYS } from '../lib/occupancy';

export function OccupancyCell({ share, approximate = false }: { share: number | null; approximate?: boolean }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <span
      title={t('donor.occupancyFormula', { stayDays: AVERAGE_STAY_DAYS })}
      data-testid="occupancy"
      data-perturbed={approximate && share !== null ? 'true' : undefined}
    >
      {share === null ? (
        '—'
      ) : approximate ? (
        <>
          <ApproxMark label={t('protection.approximateLabel')} />
          {formatPercent(share, lang)}
        </>
      ) : (
        formatPercent(share, lang)
      )}
    </span>
  );
}
