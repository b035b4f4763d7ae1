import { Link } from 'react-router-dom'
import { Space, Tag, Typography, type TableColumnType } from 'antd'
import type { TFunction } from 'i18next'
import { formatDateTime } from '../../components/format'
import type { Language } from '../../i18n'
import { reasonText } from './labels'
import { candidateGroup } from './candidate-groups'
import type { InvestigationCandidate } from '@lianfang/contracts'
import { RegionName } from '../../components/RegionName'

/** What the close, secondary and general contact tables all show of a person. */
export interface ContactRow {
  readonly personId: string
  readonly name: string
  readonly otherRegion: boolean
  readonly regionCode: string
  readonly strongest: Readonly<Record<string, unknown>>
  readonly reasons: readonly unknown[]
  readonly lastExposureAt: string
}

/** Name (linked for one's own region, marked for another's) and region; `taken` get a red tag. */
export function personColumns<T extends ContactRow>(
  t: TFunction,
  taken?: ReadonlySet<string>,
): TableColumnType<T>[] {
  return [
    {
      title: t('investigation.name'),
      key: 'name',
      fixed: 'left',
      render: (_: unknown, c) => (
        <Space size={4}>
          {c.otherRegion ? c.name : <Link to={`/persons/${c.personId}`}>{c.name}</Link>}
          {c.otherRegion && <Tag color="purple">{t('investigation.otherRegion')}</Tag>}
          {taken?.has(c.personId) && <Tag color="red">{t('investigation.general.takenTag')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('investigation.region'),
      key: 'region',
      render: (_: unknown, c) => <RegionName code={c.regionCode} />,
    },
  ]
}

/** The strongest reason (with the count of the others) and the last exposure. */
export function exposureColumns<T extends ContactRow>(
  t: TFunction,
  venueNames: ReadonlyMap<string, string>,
  lang: Language,
): TableColumnType<T>[] {
  return [
    {
      title: t('investigation.reason'),
      key: 'reason',
      render: (_: unknown, c) => (
        <Space orientation="vertical" size={0}>
          <span>{reasonText(c.strongest, venueNames, t, lang)}</span>
          {c.reasons.length > 1 && (
            <Typography.Text type="secondary">
              {t('investigation.reasonCount', { count: c.reasons.length })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('investigation.lastExposure'),
      key: 'last',
      render: (_: unknown, c) => formatDateTime(c.lastExposureAt, lang),
    },
  ]
}

const CONTROL_COLOUR = { case: 'red', contact: 'orange', quarantine: 'blue' } as const

type Controlled = Pick<InvestigationCandidate, 'personId' | 'control'>

/** For people of one's region already under control: what and since when (not offered again). */
export function controlColumn<T extends Controlled>(t: TFunction, lang: Language): TableColumnType<T> {
  return {
    title: t('investigation.control.title'),
    key: 'control',
    render: (_: unknown, c) =>
      c.control === null ? (
        <Typography.Text type="secondary">{t('investigation.control.none')}</Typography.Text>
      ) : (
        <Tag color={CONTROL_COLOUR[c.control.kind]} data-testid={`control-${c.personId}`}>
          {t(`investigation.control.${c.control.kind}`, { since: formatDateTime(c.control.since, lang) })}
        </Tag>
      ),
  }
}

/** The rule group of a candidate (household, seat, unit, conveyance, venue) and its control state. */
export function candidateColumns(t: TFunction, lang: Language): TableColumnType<InvestigationCandidate>[] {
  return [
    {
      title: t('investigation.group'),
      key: 'group',
      render: (_: unknown, c) => <Tag>{t(`investigation.groups.${candidateGroup(c)}`)}</Tag>,
    },
    controlColumn<InvestigationCandidate>(t, lang),
  ]
}
