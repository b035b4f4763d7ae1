import type { ReactNode } from 'react'
import { Card, Checkbox, Input, Space, Typography } from 'antd'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { Seat } from '@lianfang/contracts'
import { seatDraftEmpty, type SeatDraft, type SeatIssue, type SeatLayout } from '../../checkpoint/seat'
import type { SeatDraftState } from '../../checkpoint/use-seat-draft'

/** A seat as people read it: "5车厢 · 3号包厢", "12排A座" (the letter is shown, never sent). */
export function formatSeat(t: TFunction, seat: Seat, letter = ''): string {
  const parts: string[] = []
  if (seat.carriage !== undefined) parts.push(t('seat.show.carriage', { carriage: seat.carriage }))
  if (seat.row !== undefined) {
    const l = letter.trim().toUpperCase()
    parts.push(
      l === ''
        ? t('seat.show.row', { row: seat.row })
        : t('seat.show.rowLetter', { row: seat.row, letter: l }),
    )
  }
  if (seat.bay !== undefined) parts.push(t('seat.show.bay', { bay: seat.bay }))
  if (seat.compartment !== undefined)
    parts.push(t('seat.show.compartment', { compartment: seat.compartment }))
  return parts.join(' · ')
}

/**
 * The seat fields of a conveyance, compact enough to sit by the scanner on a phone: row and seat
 * letter (flight, bus); carriage with bay or compartment (train); the cabin (ship).
 */
export function SeatFields({
  layout,
  draft,
  onChange,
  issue,
  issueNote,
  vehicleKind,
}: {
  layout: SeatLayout
  draft: SeatDraft
  onChange: (draft: SeatDraft) => void
  issue: SeatIssue | undefined
  /** Said after the issue (the checkpoint: the scan was not recorded). */
  issueNote?: string | undefined
  /** The venue kind, for the "no seat" hint. */
  vehicleKind: string
}) {
  const { t } = useTranslation()
  const field = (
    key: keyof SeatDraft,
    label: string,
    options: { numeric?: boolean; maxLength: number; width: string },
  ): ReactNode => (
    <Input
      size="large"
      value={draft[key]}
      onChange={(e) => {
        onChange({ ...draft, [key]: e.target.value })
      }}
      prefix={<Typography.Text type="secondary">{label}</Typography.Text>}
      aria-label={label}
      inputMode={options.numeric === true ? 'numeric' : 'text'}
      maxLength={options.maxLength}
      autoComplete="off"
      spellCheck={false}
      status={issue === undefined ? '' : 'error'}
      style={{ width: options.width }}
      data-testid={`seat-${key}`}
    />
  )
  let fields: ReactNode
  switch (layout) {
    case 'rows':
      fields = (
        <Space.Compact style={{ width: '100%' }}>
          {field('row', t('seat.row'), { numeric: true, maxLength: 3, width: '60%' })}
          {field('letter', t('seat.letter'), { maxLength: 2, width: '40%' })}
        </Space.Compact>
      )
      break
    case 'train':
      fields = (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          {field('carriage', t('seat.carriage'), { maxLength: 8, width: '100%' })}
          <Space.Compact style={{ width: '100%' }}>
            {field('bay', t('seat.bay'), { numeric: true, maxLength: 3, width: '55%' })}
            {field('compartment', t('seat.compartment'), { maxLength: 8, width: '45%' })}
          </Space.Compact>
        </Space>
      )
      break
    case 'cabin':
      fields = field('compartment', t('seat.cabin'), { maxLength: 8, width: '100%' })
      break
  }
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      {fields}
      {issue !== undefined ? (
        <Typography.Text type="danger" role="alert" data-testid="seat-error" data-issue={issue}>
          {t(`seat.issue.${issue}`)}
          {issueNote === undefined ? '' : ` — ${issueNote}`}
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {seatDraftEmpty(vehicleKind, draft)
            ? t('seat.empty')
            : layout === 'train'
              ? t('seat.trainHint')
              : ''}
        </Typography.Text>
      )}
    </Space>
  )
}

/**
 * The checkpoint's seat entry by the scanner, for a gate on a flight, train or bus: the seat of
 * the next passenger scanned (code or ID document), cleared after each scan — the carriage stays
 * while "same carriage" is on.
 */
export function SeatCard({ seats, venueKind }: { seats: SeatDraftState; venueKind: string }) {
  const { t } = useTranslation()
  if (seats.layout === undefined) return null
  return (
    <Card
      size="small"
      title={t('checkpoint.seatTitle')}
      data-testid="seat-card"
      extra={
        seats.layout === 'train' && (
          <Checkbox
            checked={seats.keepCarriage}
            onChange={(e) => {
              seats.setKeepCarriage(e.target.checked)
            }}
            data-testid="seat-same-carriage"
          >
            {t('seat.sameCarriage')}
          </Checkbox>
        )
      }
    >
      <SeatFields
        layout={seats.layout}
        draft={seats.draft}
        onChange={seats.setDraft}
        issue={seats.issue}
        issueNote={t('checkpoint.seatRefused')}
        vehicleKind={venueKind}
      />
      {seats.last?.seat !== undefined && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }} data-testid="seat-last">
          {t('checkpoint.seatLast', { seat: formatSeat(t, seats.last.seat, seats.last.draft.letter) })}
        </Typography.Text>
      )}
    </Card>
  )
}
