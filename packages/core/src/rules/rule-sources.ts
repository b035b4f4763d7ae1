/**
 * Where each rule-set parameter comes from: the id of its row in shared/RULES.md, or why it has
 * none (#16 "values with no source"). Every leaf parameter of every preset has an entry
 * (rule-sources.test.ts), so a new parameter must say where its number comes from; the console
 * shows it beside the field.
 */
import { VENUE_KINDS, type VenueKind } from '../sim/types.js'
import type { RuleSetParams } from './rule-set.js'

export type ParamSource =
  /** The RULES.md row the value comes from. */
  | { readonly rule: string }
  /** No row of RULES.md gives it: a convention, an engineering choice, or unknown. */
  | { readonly unsourced: string }

type Leaves<T, P extends string = ''> = T extends readonly unknown[]
  ? P
  : T extends object
    ? { [K in keyof T & string]: Leaves<T[K], P extends '' ? K : `${P}.${K}`> }[keyof T & string]
    : P

/** A dotted path to a leaf of `RuleSetParams` (a list counts as a leaf). */
export type ParamPath = Leaves<RuleSetParams>

const rule = (id: string): ParamSource => ({ rule: id })
const unsourced = (why: string): ParamSource => ({ unsourced: why })

const ISOLATION = rule('HC.ZJ.2021')
const ENGINEERING = unsourced('engineering: how often the system recomputes, not an epidemiological rule')

/**
 * Overlap tiers and dwell minutes per venue kind are tables, not single numbers: their rows cite
 * CC.SETTINGS / GC.DEF (tiers) and docs/entry-exit.md (dwells, an engineering estimate).
 */
export const PARAM_SOURCES: Readonly<Record<ParamPath, ParamSource>> = {
  'case.suspectExclude.negTests': rule('CASE.SUSPECT.EXCLUDE'),
  'case.suspectExclude.minGapHours': rule('CASE.SUSPECT.EXCLUDE'),
  'case.suspectExclude.antibodyAfterOnsetDays': rule('CASE.SUSPECT.EXCLUDE'),
  'case.report.reportHours': rule('CASE.REPORT'),
  'case.report.investigationHours': rule('CASE.REPORT'),
  'closeContact.windowBeforeOnsetDays': rule('CC.WINDOW'),
  'closeContact.centralizedDays': rule('CC.OBS'),
  'closeContact.homeMonitorDays': rule('CC.OBS'),
  'closeContact.testDays': rule('CC.TESTS'),
  'closeContact.homeTestDays': rule('CC.TESTS'),
  'closeContact.releaseDoubleSample': rule('CC.TESTS'),
  'closeContact.transport.planeRowsBefore': rule('CC.TRANSPORT.PLANE'),
  'closeContact.transport.planeRowsAfter': rule('CC.TRANSPORT.PLANE'),
  'closeContact.transport.busVentilatedRows': rule('CC.TRANSPORT.BUS'),
  ...(Object.fromEntries(
    VENUE_KINDS.flatMap((k) => [
      [`closeContact.overlapTier.${k}`, rule('CC.SETTINGS')],
      [`closeContact.dwellMinutes.${k}`, unsourced('estimate of a usual stay (docs/entry-exit.md)')],
    ]),
  ) as Record<`closeContact.${'overlapTier' | 'dwellMinutes'}.${VenueKind}`, ParamSource>),
  'secondaryContact.centralizedDays': rule('CC2.OBS'),
  'secondaryContact.testDays': rule('CC2.OBS'),
  'secondaryContact.releaseRequiresCcFirstNegativeTests': rule('CC2.OBS'),
  'secondaryContact.upgradeToCcIfCcPositive': rule('CC2.OBS'),
  'asymptomatic.centralizedDays': rule('ASYM.ISO'),
  'asymptomatic.releaseNegTests': rule('ASYM.ISO'),
  'asymptomatic.minGapHours': rule('ASYM.ISO'),
  'asymptomatic.afterReleaseDays': rule('ASYM.AFTER'),
  'asymptomatic.followupWeeks': rule('ASYM.AFTER'),
  'confirmed.afebrileDaysGt': rule('CONF.DISCHARGE'),
  'confirmed.negTests': rule('CONF.DISCHARGE'),
  'confirmed.minGapHours': rule('CONF.DISCHARGE'),
  'confirmed.persistentPositiveWeeks': rule('CONF.DISCHARGE'),
  'confirmed.afterDischargeDays': rule('CONF.AFTER'),
  'confirmed.followupWeeks': rule('CONF.AFTER'),
  'cluster.windowDays': rule('CLUSTER.FK5-6'),
  'cluster.minCases': rule('CLUSTER.FK7'),
  'cluster.countAsymptomatic': rule('CLUSTER.FK5-6'),
  'inbound.centralizedDays': rule('IN.FK8'),
  'inbound.testDays': rule('IN.FK8'),
  'inbound.homeMonitorDays': rule('IN.FK8'),
  'pool.sizes': rule('POOL.MODES'),
  'pool.ratioByRisk.low': rule('POOL.WHO'),
  'pool.ratioByRisk.medium': rule('POOL.WHO'),
  'pool.ratioByRisk.high': rule('POOL.WHO'),
  'pool.dilutionMaxPrevalence': rule('POOL.MODES'),
  'pool.positiveIsolationDays': unsourced(
    'POOL.POSITIVE isolates a positive pool until the single-tube re-test and names no period; 2 days is the time a re-test takes in practice',
  ),
  'healthCode.activeCaseColour': rule('HC.ZJ.2021'),
  'healthCode.postDischargeColour': rule('HC.HZ.TRIGGERS'),
  'healthCode.isolationColour.close_contact': ISOLATION,
  'healthCode.isolationColour.secondary_contact': ISOLATION,
  'healthCode.isolationColour.inbound': ISOLATION,
  'healthCode.isolationColour.risk_area': ISOLATION,
  'healthCode.isolationColour.pool_positive': rule('POOL.POSITIVE'),
  'healthCode.isolationColour.other': ISOLATION,
  'healthCode.homeMonitoringColour': rule('HC.ZJ.2021'),
  'healthCode.tripLookbackDays': rule('CASE.EPI'),
  'healthCode.tripColour.high': rule('HC.ZJ.2021'),
  'healthCode.tripColour.medium': rule('HC.ZJ.2021'),
  'healthCode.feverThresholdC': unsourced(
    'no RULES row gives the fever cut-off; 37.3 °C is the clinical convention used at screening points',
  ),
  'healthCode.symptomColour': rule('HC.ZJ.2021'),
  'healthCode.normalDeclarationDaysToGreen': rule('HC.HZ.YELLOW'),
  'healthCode.negativeTestClearsSymptoms': unsourced(
    'HC.ZJ.2021 lists a NAT certificate check under yellow; that a negative clears symptoms is a local choice',
  ),
  'healthCode.feverClinicColour': rule('HC.ZJ.2021'),
  'healthCode.feverClinicLapseDays': rule('HC.ZJ.2021'),
  'healthCode.poolPositiveColour': rule('POOL.POSITIVE'),
  'healthCode.positiveTestColour': rule('HC.ZJ.2021'),
  'healthCode.overdueTestColour': rule('HC.ZJ.2021'),
  'healthCode.overdueGraceHours': unsourced('local choice: how late a scheduled 应检尽检 test may be'),
  'healthCode.greenValidHours': ENGINEERING,
}

/** The value at a dotted path of a rule set's parameters. */
export function paramAt(params: RuleSetParams, path: string): unknown {
  let v: unknown = params
  for (const key of path.split('.')) v = (v as Record<string, unknown> | undefined)?.[key]
  return v
}
