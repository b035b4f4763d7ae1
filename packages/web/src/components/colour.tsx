import type { CSSProperties } from 'react'
import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Colour } from '@lianfang/contracts'
import type { RiskLevel } from '../api/types'

export const COLOURS = ['green', 'yellow', 'red'] as const satisfies readonly Colour[]

/** The health-code colours as shown on screen (readable white text on each). */
export const COLOUR_HEX: Readonly<Record<Colour, string>> = {
  green: '#389e0d',
  yellow: '#d48806',
  red: '#cf1322',
}

const TAG_COLOUR: Readonly<Record<Colour, string>> = { green: 'success', yellow: 'warning', red: 'error' }

/** 绿码 / 黄码 / 红码 as a tag. */
export function ColourTag({ colour, style }: { colour: Colour; style?: CSSProperties }) {
  const { t } = useTranslation()
  return (
    <Tag color={TAG_COLOUR[colour]} data-colour={colour} {...(style === undefined ? {} : { style })}>
      {t(`colour.${colour}`)}
    </Tag>
  )
}

export const RISK_LEVELS = ['low', 'medium', 'high'] as const satisfies readonly RiskLevel[]
const RISK_TAG: Readonly<Record<RiskLevel, string>> = { low: 'green', medium: 'orange', high: 'red' }

export function RiskLevelTag({ level }: { level: RiskLevel }) {
  const { t } = useTranslation()
  return (
    <Tag color={RISK_TAG[level]} data-level={level}>
      {t(`riskLevel.${level}`)}
    </Tag>
  )
}
