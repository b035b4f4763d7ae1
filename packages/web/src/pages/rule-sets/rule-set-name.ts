import type { TFunction } from 'i18next'
import type { RuleSetRecord } from '@lianfang/contracts'

/**
 * What the console calls a rule set: a built-in preset by its translated edition ("第八版防控方案
 * （预置）"), a region's own by the name its author gave it.
 */
export function ruleSetName(rs: Pick<RuleSetRecord, 'status' | 'edition' | 'name'>, t: TFunction): string {
  return rs.status === 'preset'
    ? t('ruleSets.presetName', { edition: t(`ruleSets.editions.${rs.edition}`) })
    : rs.name
}
