/**
 * Quarantine test days (#17; RULES CC.TESTS, CC2.OBS, IN.FK8): which days of a quarantine order
 * a nucleic-acid sample is due, from the rule set in force, as calendar dates. Day 1 is the
 * order's first local day.
 */
import type { QuarantineKind, QuarantineReason } from '../rules/health-facts.js'
import type { RuleSetParams } from '../rules/rule-set.js'
import { addDays } from '../time/civil-time.js'

/**
 * The test days of an order of `kind` for `reason` (ascending, 1-based):
 * - close contacts, centralized or home isolation: `closeContact.testDays` (FK8 CC.TESTS 1, 4, 7, 14);
 *   home health monitoring: `closeContact.homeTestDays` (FK8 2, 7);
 * - secondary contacts: `secondaryContact.testDays` (FK8 CC2.OBS 1, 4, 7);
 * - inbound: `inbound.testDays` (IN.FK8 1, 4, 7, 14); its home monitoring has "the same shape as
 *   CC.TESTS", so `closeContact.homeTestDays`;
 * - a risk area or another reason: as a close contact (the period is the close contact's too);
 * - a positive pool (POOL.POSITIVE): none here — its single-tube re-sample is ordered by the tube.
 */
export function quarantineTestDays(
  params: RuleSetParams,
  reason: QuarantineReason,
  kind: QuarantineKind,
): number[] {
  const home = kind === 'home_monitoring'
  const days = ((): readonly number[] => {
    switch (reason) {
      case 'close_contact':
      case 'risk_area':
      case 'other':
        return home ? params.closeContact.homeTestDays : params.closeContact.testDays
      case 'secondary_contact':
        return params.secondaryContact.testDays
      case 'inbound':
        return home ? params.closeContact.homeTestDays : params.inbound.testDays
      case 'pool_positive':
        return []
    }
  })()
  return [...new Set(days.filter((d) => Number.isInteger(d) && d >= 1))].sort((a, b) => a - b)
}

/**
 * The due dates of `days` for an order whose first local day is `firstDay` (`YYYY-MM-DD`) and whose
 * last is `lastDay`: day n is `firstDay + (n − 1)`; days after the order's end are dropped.
 */
export function testDueDates(firstDay: string, lastDay: string, days: readonly number[]): string[] {
  return days.map((d) => addDays(firstDay, d - 1)).filter((date) => date <= lastDay)
}
