import { useState } from 'react'
import { Alert, Button, Card, Input, Space, Typography } from 'antd'
import { useMutation } from '@tanstack/react-query'
import { Link } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import { SamplingRoutes, type SampledBooking } from '@lianfang/contracts'
import { call } from '../../api/call'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime } from '../../components/format'
import { currentLanguage } from '../../i18n'

/**
 * The site checks a booking code (typed, or from a hand scanner that types it): the booking is
 * sampled and the tester goes on to register the tube for that person (the tubes page).
 */
export function ScanBookingCard() {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const [code, setCode] = useState('')
  const scan = useMutation({
    mutationFn: (c: string) => call(SamplingRoutes.scanBooking, { body: { code: c } }),
    onSuccess: () => {
      setCode('')
    },
  })
  const done: SampledBooking | undefined = scan.data
  return (
    <Card size="small" title={t('sampling.scan.title')} data-testid="scan-booking">
      <Typography.Paragraph type="secondary">{t('sampling.scan.explain')}</Typography.Paragraph>
      <Space.Compact style={{ width: '100%', maxWidth: 420 }}>
        <Input
          value={code}
          maxLength={64}
          placeholder={t('sampling.scan.code')}
          onChange={(e) => {
            setCode(e.target.value.trim())
          }}
          onPressEnter={() => {
            if (code.length >= 6) scan.mutate(code)
          }}
          data-testid="scan-booking-code"
        />
        <Button
          type="primary"
          disabled={code.length < 6}
          loading={scan.isPending}
          onClick={() => {
            scan.mutate(code)
          }}
          data-testid="scan-booking-submit"
        >
          {t('sampling.scan.submit')}
        </Button>
      </Space.Compact>
      {scan.isError && <ErrorAlert error={scan.error} />}
      {done !== undefined && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="scan-booking-done"
          title={t('sampling.scan.done', {
            name: done.nameMasked,
            id: done.idNumberMasked,
            site: done.booking.siteName,
            time: formatDateTime(done.booking.slotStart, lang),
          })}
          action={
            <Link to={`/tubes?personId=${done.personId}`} data-testid="scan-booking-register">
              {t('sampling.scan.registerTube')}
            </Link>
          }
        />
      )}
    </Card>
  )
}
