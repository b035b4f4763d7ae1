import { useState } from 'react'
import { App, Button, Card, DatePicker, Divider, Empty, Radio, Select, Space, Tag, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { BOOKING_HORIZON_DAYS } from '@lianfang/core'
import { SamplingRoutes, type Booking } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { ErrorAlert } from '../../components/ErrorAlert'
import { QrCode } from '../../components/QrCode'
import { DISPLAY_TIME_ZONE, formatDateTime } from '../../components/format'
import { MutationButton } from '../../components/list-kit'
import { currentLanguage } from '../../i18n'
import { wallNow } from '../../components/civil-time'

const hourOf = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: DISPLAY_TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso))

/** One booking: the code as a QR and as text while it is open, its state otherwise. */
function BookingItem({ b, onCancelled }: { b: Booking; onCancelled: () => void }) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  return (
    <div data-testid={`booking-${b.id}`}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{b.siteName}</Typography.Text>
          <span>{formatDateTime(b.slotStart, lang)}</span>
          <Tag color={b.status === 'booked' ? 'blue' : 'default'}>
            {t(`sampling.booking.statuses.${b.status}`)}
          </Tag>
        </Space>
        {b.status === 'booked' && (
          <>
            <QrCode text={b.code} size={180} label={t('sampling.booking.codeQr')} />
            <Typography.Text copyable code data-testid="booking-code">
              {b.code}
            </Typography.Text>
            <MutationButton<object, Booking>
              buttonText={t('sampling.booking.cancel')}
              buttonTestId={`booking-cancel-${b.id}`}
              title={t('sampling.booking.cancel')}
              okText={t('sampling.booking.cancel')}
              testId={`booking-cancel-${b.id}`}
              confirm={t('sampling.booking.cancelConfirm')}
              mutationFn={() => call(SamplingRoutes.cancelBooking, { params: { id: b.id } })}
              onSuccess={onCancelled}
            />
          </>
        )}
      </Space>
      <Divider />
    </div>
  )
}

/** 预约核酸检测 (愿检尽检, RULES TEST.WILL): pick a site of one's city and a free slot; show the code. */
export default function BookingPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [siteId, setSiteId] = useState<string | undefined>()
  const [date, setDate] = useState<Dayjs>(() => wallNow())
  const [slot, setSlot] = useState<string | undefined>()
  const sites = useQuery({
    queryKey: queryKeyOf(SamplingRoutes.mySites),
    queryFn: () => call(SamplingRoutes.mySites),
  })
  const bookings = useQuery({
    queryKey: queryKeyOf(SamplingRoutes.myBookings),
    queryFn: () => call(SamplingRoutes.myBookings),
  })
  const slotArgs = { params: { id: siteId ?? '' }, query: { date: date.format('YYYY-MM-DD') } }
  const slots = useQuery({
    queryKey: queryKeyOf(SamplingRoutes.mySlots, slotArgs),
    queryFn: () => call(SamplingRoutes.mySlots, slotArgs),
    enabled: siteId !== undefined,
  })
  const refresh = () => {
    // `/api/me/…`: the bookings and the slots' places.
    void queryClient.invalidateQueries({ queryKey: ['me'] })
  }
  const book = useMutation({
    mutationFn: (slotStart: string) =>
      call(SamplingRoutes.book, { body: { siteId: siteId ?? '', slotStart } }),
    onSuccess: () => {
      void message.success(t('sampling.booking.booked'))
      setSlot(undefined)
      refresh()
    },
  })
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="booking-page">
      <Card title={t('sampling.booking.title')}>
        <Typography.Paragraph type="secondary">{t('sampling.booking.explain')}</Typography.Paragraph>
        {sites.isError && <ErrorAlert error={sites.error} />}
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Select
            value={siteId}
            placeholder={t('sampling.booking.pickSite')}
            style={{ width: '100%' }}
            notFoundContent={t('sampling.booking.noSites')}
            onChange={(v) => {
              setSiteId(v)
              setSlot(undefined)
            }}
            options={(sites.data ?? []).map((s) => ({ value: s.id, label: `${s.name} ${s.address ?? ''}` }))}
            data-testid="booking-site"
          />
          <DatePicker
            value={date}
            allowClear={false}
            disabledDate={(d) =>
              d.isBefore(wallNow(), 'day') || d.isAfter(wallNow().add(BOOKING_HORIZON_DAYS, 'day'), 'day')
            }
            onChange={(d) => {
              if (d !== null) setDate(d)
              setSlot(undefined)
            }}
            aria-label={t('sampling.booking.date')}
            data-testid="booking-date"
          />
          {slots.isError && <ErrorAlert error={slots.error} />}
          {siteId !== undefined && (
            <Radio.Group
              value={slot}
              onChange={(e) => {
                setSlot(e.target.value as string)
              }}
              data-testid="booking-slots"
            >
              <Space wrap>
                {(slots.data?.slots ?? []).map((s) => (
                  <Radio.Button key={s.start} value={s.start} disabled={!s.bookable || s.free === 0}>
                    {hourOf(s.start)}{' '}
                    {!s.bookable
                      ? t('sampling.booking.over')
                      : s.free === 0
                        ? t('sampling.booking.full')
                        : t('sampling.booking.free', { n: s.free })}
                  </Radio.Button>
                ))}
              </Space>
            </Radio.Group>
          )}
          {book.isError && <ErrorAlert error={book.error} />}
          <Button
            type="primary"
            block
            disabled={slot === undefined}
            loading={book.isPending}
            onClick={() => {
              if (slot !== undefined) book.mutate(slot)
            }}
            data-testid="booking-submit"
          >
            {t('sampling.booking.book')}
          </Button>
        </Space>
      </Card>
      <Card title={t('sampling.booking.mine')}>
        {bookings.isError && <ErrorAlert error={bookings.error} />}
        {bookings.data?.items.length === 0 ? (
          <Empty description={t('sampling.booking.none')} />
        ) : (
          <div data-testid="booking-list">
            {(bookings.data?.items ?? []).map((b) => (
              <BookingItem key={b.id} b={b} onCancelled={refresh} />
            ))}
          </div>
        )}
      </Card>
    </Space>
  )
}
