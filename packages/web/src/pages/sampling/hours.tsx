import { Button, Checkbox, Form, Input, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import type { OpeningPeriodBody } from '@lianfang/contracts'

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/

/** Opening hours as text: "周一、周二 08:00–12:00; …". */
export function HoursText({ periods }: { periods: readonly OpeningPeriodBody[] }) {
  const { t } = useTranslation()
  if (periods.length === 0) return <>—</>
  return (
    <>
      {periods
        .map(
          (p) =>
            `${p.weekdays.map((d) => t(`sampling.weekdays.${String(d)}` as 'sampling.weekdays.1')).join('、')} ${p.from}–${p.to}`,
        )
        .join('; ')}
    </>
  )
}

/** The opening periods of a site form (`openingHours`): weekdays and a from/to time each. */
export function HoursField() {
  const { t } = useTranslation()
  const time = [
    { required: true, message: t('sampling.sites.required') },
    { pattern: HHMM, message: t('sampling.sites.timeFormat') },
  ]
  return (
    <Form.List name="openingHours">
      {(fields, { add, remove }) => (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {fields.map((f) => (
            <Space key={f.key} wrap align="start" data-testid="site-period">
              <Form.Item
                name={[f.name, 'weekdays']}
                rules={[{ required: true, message: t('sampling.sites.required') }]}
              >
                <Checkbox.Group
                  options={WEEKDAYS.map((d) => ({
                    value: d,
                    label: t(`sampling.weekdays.${String(d)}` as 'sampling.weekdays.1'),
                  }))}
                />
              </Form.Item>
              <Form.Item name={[f.name, 'from']} rules={time}>
                <Input placeholder="08:00" style={{ width: 80 }} aria-label={t('sampling.sites.from')} />
              </Form.Item>
              <Form.Item name={[f.name, 'to']} rules={time}>
                <Input placeholder="12:00" style={{ width: 80 }} aria-label={t('sampling.sites.to')} />
              </Form.Item>
              <Button
                onClick={() => {
                  remove(f.name)
                }}
              >
                ×
              </Button>
            </Space>
          ))}
          <Button
            onClick={() => {
              add({ weekdays: [], from: '', to: '' })
            }}
            data-testid="site-add-period"
          >
            {t('sampling.sites.addPeriod')}
          </Button>
        </Space>
      )}
    </Form.List>
  )
}
