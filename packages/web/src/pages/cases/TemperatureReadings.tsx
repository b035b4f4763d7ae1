import { DatePicker, Form, InputNumber, List, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { CaseRoutes, DeclarationRoutes, type DischargeCheck } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { formatDateTime } from '../../components/format'
import { currentLanguage } from '../../i18n'
import { useCan } from '../../layout/Guards'
import { FactButton } from '../persons/FactButton'
import { afterTodayInRegion, wallNow, wallToIso } from '../../components/civil-time'

interface TemperatureForm {
  celsius: number
  /** When the reading was taken: now by default, earlier when copied from a ward's chart. */
  takenAt: Dayjs
}

/**
 * The body temperatures the discharge check's temperature criterion reads (CONF.DISCHARGE: normal
 * for more than 3 days), newest first, and — for staff who may declare facts for others
 * (`fact:declare`) — a reading recorded as a staff health declaration, at the time it was taken. A fever reading asks
 * for confirmation first: it fails the criterion.
 */
export function TemperatureReadings({
  caseId,
  personId,
  check,
}: {
  caseId: string
  personId: string
  check: DischargeCheck
}) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const queryClient = useQueryClient()
  const canDeclare = useCan('fact:declare')
  const afebrile = check.criteria.find((c) => c.id === 'AFEBRILE')
  const days = afebrile?.params.days ?? 4
  const threshold = afebrile?.params.thresholdC
  return (
    <div data-testid="discharge-temperatures" style={{ marginTop: 16 }}>
      <Typography.Title level={5} style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
        {t('cases.discharge.temperatures.title', { days })}
        {canDeclare && (
          <FactButton<TemperatureForm>
            label={t('cases.discharge.temperatures.record')}
            testId="discharge-record-temperature"
            confirmOf={(v) =>
              typeof threshold === 'number' && v.celsius >= threshold
                ? {
                    title: t('cases.discharge.temperatures.feverTitle'),
                    content: t('cases.discharge.temperatures.feverContent', {
                      celsius: v.celsius,
                      thresholdC: threshold,
                    }),
                  }
                : undefined
            }
            submit={(v) =>
              call(DeclarationRoutes.health, {
                body: { personId, temperatureC: v.celsius, declaredAt: wallToIso(v.takenAt), symptoms: [] },
              })
            }
            onDone={() => {
              void queryClient.invalidateQueries({
                queryKey: queryKeyOf(CaseRoutes.dischargeCheck, { params: { id: caseId } }),
              })
            }}
          >
            <Form.Item
              name="takenAt"
              label={t('cases.discharge.temperatures.takenAt')}
              initialValue={wallNow()}
              rules={[{ required: true, message: t('cases.discharge.temperatures.takenAtRequired') }]}
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                disabledDate={afterTodayInRegion}
                style={{ width: '100%' }}
                data-testid="discharge-temperature-taken-at"
              />
            </Form.Item>
            <Form.Item
              name="celsius"
              label={t('cases.discharge.temperatures.celsius')}
              rules={[{ required: true, message: t('cases.discharge.temperatures.celsiusRequired') }]}
            >
              <InputNumber
                min={30}
                max={45}
                step={0.1}
                precision={1}
                style={{ width: '100%' }}
                data-testid="discharge-temperature-celsius"
              />
            </Form.Item>
          </FactButton>
        )}
      </Typography.Title>
      <List
        size="small"
        dataSource={check.temperatures}
        locale={{ emptyText: t('cases.discharge.temperatures.none') }}
        renderItem={(r) => (
          <List.Item>
            <span>{formatDateTime(r.at, lang)}</span>
            {typeof threshold === 'number' && r.celsius >= threshold ? (
              <Typography.Text type="danger">{r.celsius.toFixed(1)} °C</Typography.Text>
            ) : (
              <span>{r.celsius.toFixed(1)} °C</span>
            )}
          </List.Item>
        )}
      />
    </div>
  )
}
