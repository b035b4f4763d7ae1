import type { TFunction } from 'i18next'

const PRESET = /^(FK\d+)@(\d+)$/
const REGIONAL = /^(\d+)@(\d+)$/

/**
 * A rule-set version as the server writes it (`<id>@<version>`: `FK8@1` for a built-in preset,
 * `12@3` for a region's own) in words: "第八版防控方案（预置）", "规则集 12 · 第 3 版". Anything else
 * is shown as it is.
 */
export function ruleSetVersionText(t: TFunction, version: string): string {
  const preset = PRESET.exec(version)
  if (preset !== null) {
    const edition = t(`ruleSets.editions.${preset[1] ?? ''}`, { defaultValue: preset[1] ?? '' })
    return t('ruleSets.presetName', { edition })
  }
  const regional = REGIONAL.exec(version)
  if (regional !== null) return t('ruleSets.versionOf', { id: regional[1], version: regional[2] })
  return version
}
