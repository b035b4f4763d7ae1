/**
 * The presets pinned to the guidance (#16 "Tests that pin the rules"): one row per parameter
 * with the RULES.md id it comes from and its value in FK6, FK7 and FK8. A preset value that
 * changes fails here; so does a parameter without a source (server lint/rule-sources.test.ts
 * checks each cited id is a row of ../shared/RULES.md).
 */
import { describe, expect, it } from 'vitest'
import { PARAM_SOURCES, paramAt, type ParamPath } from './rule-sources.js'
import { RULE_SET_PRESETS, type RuleSetParams } from './rule-set.js'

type V = number | boolean | string | readonly number[]

/** [parameter, RULES.md id (or UNSOURCED), FK6, FK7, FK8] */
const TABLE: readonly (readonly [ParamPath, string, V, V, V])[] = [
  ['case.suspectExclude.negTests', 'CASE.SUSPECT.EXCLUDE', 2, 2, 2],
  ['case.suspectExclude.minGapHours', 'CASE.SUSPECT.EXCLUDE', 24, 24, 24],
  ['case.suspectExclude.antibodyAfterOnsetDays', 'CASE.SUSPECT.EXCLUDE', 7, 7, 7],
  ['case.report.reportHours', 'CASE.REPORT', 2, 2, 2],
  ['case.report.investigationHours', 'CASE.REPORT', 24, 24, 24],
  ['closeContact.windowBeforeOnsetDays', 'CC.WINDOW', 2, 2, 2],
  ['closeContact.centralizedDays', 'CC.OBS', 14, 14, 14],
  ['closeContact.homeMonitorDays', 'CC.OBS', 0, 0, 7],
  ['closeContact.testDays', 'CC.TESTS', [1, 4, 7, 14], [1, 4, 7, 14], [1, 4, 7, 14]],
  ['closeContact.homeTestDays', 'CC.TESTS', [], [], [2, 7]],
  ['closeContact.releaseDoubleSample', 'CC.TESTS', false, false, true],
  ['closeContact.transport.planeRowsBefore', 'CC.TRANSPORT.PLANE', 3, 3, 3],
  ['closeContact.transport.planeRowsAfter', 'CC.TRANSPORT.PLANE', 3, 3, 3],
  ['closeContact.transport.busVentilatedRows', 'CC.TRANSPORT.BUS', 3, 3, 3],
  ['closeContact.overlapTier.office', 'CC.SETTINGS', 'general', 'general', 'general'],
  ['closeContact.overlapTier.restaurant', 'CC.SETTINGS', 'close', 'close', 'close'],
  ['closeContact.overlapTier.train', 'CC.SETTINGS', 'close', 'close', 'close'],
  ['secondaryContact.centralizedDays', 'CC2.OBS', 0, 7, 7],
  ['secondaryContact.testDays', 'CC2.OBS', [], [1, 4, 7], [1, 4, 7]],
  ['secondaryContact.releaseRequiresCcFirstNegativeTests', 'CC2.OBS', 2, 2, 2],
  ['secondaryContact.upgradeToCcIfCcPositive', 'CC2.OBS', true, true, true],
  ['asymptomatic.centralizedDays', 'ASYM.ISO', 14, 14, 14],
  ['asymptomatic.releaseNegTests', 'ASYM.ISO', 2, 2, 2],
  ['asymptomatic.minGapHours', 'ASYM.ISO', 24, 24, 24],
  ['asymptomatic.afterReleaseDays', 'ASYM.AFTER', 14, 14, 14],
  ['asymptomatic.followupWeeks', 'ASYM.AFTER', [2, 4], [2, 4], [2, 4]],
  ['confirmed.afebrileDaysGt', 'CONF.DISCHARGE', 3, 3, 3],
  ['confirmed.negTests', 'CONF.DISCHARGE', 2, 2, 2],
  ['confirmed.minGapHours', 'CONF.DISCHARGE', 24, 24, 24],
  ['confirmed.persistentPositiveWeeks', 'CONF.DISCHARGE', 4, 4, 4],
  ['confirmed.afterDischargeDays', 'CONF.AFTER', 14, 14, 14],
  ['confirmed.followupWeeks', 'CONF.AFTER', [2, 4], [2, 4], [2, 4]],
  ['cluster.windowDays', 'CLUSTER.FK5-6', 14, 14, 14],
  ['cluster.minCases', 'CLUSTER.FK7', 2, 5, 5],
  ['cluster.countAsymptomatic', 'CLUSTER.FK5-6', true, true, true],
  ['inbound.centralizedDays', 'IN.FK8', 14, 14, 14],
  ['inbound.testDays', 'IN.FK8', [1, 4, 7, 14], [1, 4, 7, 14], [1, 4, 7, 14]],
  ['inbound.homeMonitorDays', 'IN.FK8', 0, 0, 7],
  ['pool.sizes', 'POOL.MODES', [5, 10], [5, 10], [5, 10]],
  ['pool.ratioByRisk.low', 'POOL.WHO', 10, 10, 10],
  ['pool.ratioByRisk.medium', 'POOL.WHO', 5, 5, 5],
  ['pool.ratioByRisk.high', 'POOL.WHO', 1, 1, 1],
  ['pool.dilutionMaxPrevalence', 'POOL.MODES', 0.001, 0.001, 0.001],
  ['pool.positiveIsolationDays', 'UNSOURCED', 2, 2, 2],
  ['healthCode.activeCaseColour', 'HC.ZJ.2021', 'red', 'red', 'red'],
  ['healthCode.postDischargeColour', 'HC.HZ.TRIGGERS', 'red', 'red', 'red'],
  ['healthCode.isolationColour.close_contact', 'HC.ZJ.2021', 'red', 'red', 'red'],
  ['healthCode.isolationColour.secondary_contact', 'HC.ZJ.2021', 'red', 'red', 'red'],
  ['healthCode.isolationColour.inbound', 'HC.ZJ.2021', 'red', 'red', 'red'],
  ['healthCode.isolationColour.pool_positive', 'POOL.POSITIVE', 'red', 'red', 'red'],
  ['healthCode.homeMonitoringColour', 'HC.ZJ.2021', 'yellow', 'yellow', 'yellow'],
  ['healthCode.tripLookbackDays', 'CASE.EPI', 14, 14, 14],
  ['healthCode.tripColour.high', 'HC.ZJ.2021', 'red', 'red', 'red'],
  ['healthCode.tripColour.medium', 'HC.ZJ.2021', 'yellow', 'yellow', 'yellow'],
  ['healthCode.feverThresholdC', 'UNSOURCED', 37.3, 37.3, 37.3],
  ['healthCode.symptomColour', 'HC.ZJ.2021', 'yellow', 'yellow', 'yellow'],
  ['healthCode.normalDeclarationDaysToGreen', 'HC.HZ.YELLOW', 7, 7, 7],
  ['healthCode.feverClinicColour', 'HC.ZJ.2021', 'red', 'red', 'red'],
  ['healthCode.feverClinicLapseDays', 'HC.ZJ.2021', 0, 0, 0],
  ['healthCode.poolPositiveColour', 'POOL.POSITIVE', 'red', 'red', 'red'],
  ['healthCode.positiveTestColour', 'HC.ZJ.2021', 'red', 'red', 'red'],
]

const sourceId = (path: ParamPath): string => {
  const s = PARAM_SOURCES[path]
  return 'rule' in s ? s.rule : 'UNSOURCED'
}

/** Every leaf path of a rule set's parameters (a list is a leaf). */
function leaves(v: unknown, prefix = ''): string[] {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return [prefix]
  return Object.entries(v).flatMap(([k, x]) => leaves(x, prefix ? `${prefix}.${k}` : k))
}

describe('rule-set presets against RULES.md (#16)', () => {
  it.each(TABLE)('%s (%s): FK6 %j, FK7 %j, FK8 %j', (path, id, fk6, fk7, fk8) => {
    expect(sourceId(path)).toBe(id)
    expect(paramAt(RULE_SET_PRESETS.FK6.params, path)).toEqual(fk6)
    expect(paramAt(RULE_SET_PRESETS.FK7.params, path)).toEqual(fk7)
    expect(paramAt(RULE_SET_PRESETS.FK8.params, path)).toEqual(fk8)
  })

  it('every parameter of every preset has a source, and no source names a parameter that is gone', () => {
    for (const preset of Object.values(RULE_SET_PRESETS)) {
      expect(leaves(preset.params).sort()).toEqual(Object.keys(PARAM_SOURCES).sort())
    }
  })

  it('an unsourced parameter says why', () => {
    for (const s of Object.values(PARAM_SOURCES))
      if ('unsourced' in s) expect(s.unsourced.length).toBeGreaterThan(20)
  })

  it('the duplicated periods have one source: the code reads the domain value (no healthCode copy)', () => {
    const hc: object = RULE_SET_PRESETS.FK8.params.healthCode
    for (const gone of [
      'closeContactObservationDays',
      'closeContactHomeMonitorDays',
      'secondaryContactObservationDays',
      'confirmedPostDischargeDays',
      'asymptomaticPostReleaseDays',
    ])
      expect(hc).not.toHaveProperty(gone)
    const typed: RuleSetParams = RULE_SET_PRESETS.FK8.params
    expect(typed.closeContact.centralizedDays).toBe(14)
  })
})
