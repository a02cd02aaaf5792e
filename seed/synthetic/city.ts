/**
 * Proportions of the synthetic city, shared by every subgraph's seed: `scale` is the number of
 * persons, and every other count derives from it.
 */
import { rngFor } from './random';
import type { SyntheticLegalPerson } from './enterprises';

/** One legal person for every five residents. */
export const legalPersonCount = (scale: number) => Math.max(1, Math.floor(scale / 5));

/** Annual-report figures an enterprise may choose not to publish (企业信息公示暂行条例 第九条). */
export function annualReportFigures(lp: SyntheticLegalPerson): { employeeCount: number | null; totalAssets: number | null } {
  if (lp.kind === 'INSTITUTION' || lp.kind === 'SOCIAL_ORGANISATION') return { employeeCount: null, totalAssets: null };
  const rng = rngFor('annual-report', lp.index);
  const employees = lp.kind === 'INDIVIDUAL_BUSINESS' ? rng.int(1, 8) : rng.int(3, 400);
  const capital = lp.registeredCapital ?? 50_000;
  return { employeeCount: employees, totalAssets: Math.round(capital * (0.4 + rng.next() * 3)) };
}
