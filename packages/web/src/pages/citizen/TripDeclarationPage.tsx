import { App, Button, Card, Form, Input, Typography } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import dayjs from 'dayjs'
import { DeclarationRoutes, type TripDeclarationBody } from '@lianfang/contracts'
import { call } from '../../api/call'
import { invalidateCodes } from '../../api/queries'
import { ErrorAlert } from '../../components/ErrorAlert'
import { RegionTreeSelect } from '../../components/RegionTreeSelect'
import { wallNow, wallToIso } from '../../components/civil-time'

/** Times as the phone's own date-time picker gives them: local `YYYY-MM-DDTHH:mm`. */
interface TripForm {
  placeRegionCode?: string
  arrivedAt?: string
  leftAt?: string
}

const LOCAL_MINUTE = 'YYYY-MM-DDTHH:mm'

/** 行程申报: where I was, from when to when. A trip through a risk area may change the colour. */
export default function TripDeclarationPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const latest = wallNow().format(LOCAL_MINUTE)
  const declare = useMutation({
    mutationFn: (body: TripDeclarationBody) => call(DeclarationRoutes.trip, { body }),
    onSuccess: async (created) => {
      await invalidateCodes(queryClient)
      void message.success(t('declare.done', { colour: t(`colour.${created.colour}`) }))
      void navigate('/me')
    },
  })

  return (
    <Card title={t('declare.tripTitle')} data-testid="declare-trip">
      <Typography.Paragraph type="secondary">{t('declare.tripHint')}</Typography.Paragraph>
      {declare.isError && <ErrorAlert error={declare.error} />}
      <Form<TripForm>
        layout="vertical"
        onFinish={(v) => {
          const from = v.arrivedAt === undefined || v.arrivedAt === '' ? null : dayjs(v.arrivedAt)
          const to = v.leftAt === undefined || v.leftAt === '' ? null : dayjs(v.leftAt)
          if (v.placeRegionCode === undefined || from === null || to === null) return
          declare.mutate({
            placeRegionCode: v.placeRegionCode,
            arrivedAt: wallToIso(from),
            leftAt: wallToIso(to),
          })
        }}
      >
        <Form.Item
          name="placeRegionCode"
          label={t('declare.place')}
          rules={[{ required: true, message: t('declare.placeRequired') }]}
        >
          <RegionTreeSelect
            source="public"
            placeholder={t('declare.place')}
            testId="trip-region"
            style={{ width: '100%' }}
          />
        </Form.Item>
        {/* The phone's own date-time pickers: antd's calendars do not fit a phone's width. */}
        <Form.Item
          name="arrivedAt"
          label={t('declare.arrivedAt')}
          rules={[{ required: true, message: t('declare.arrivedAtRequired') }]}
        >
          <Input type="datetime-local" max={latest} data-testid="trip-arrived" />
        </Form.Item>
        <Form.Item
          name="leftAt"
          label={t('declare.leftAt')}
          dependencies={['arrivedAt']}
          rules={[
            { required: true, message: t('declare.leftAtRequired') },
            ({ getFieldValue }) => ({
              validator: (_rule, value: string | undefined) => {
                const arrived = getFieldValue('arrivedAt') as string | undefined
                return !value || !arrived || !dayjs(value).isBefore(dayjs(arrived))
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('declare.leftBeforeArrived')))
              },
            }),
          ]}
        >
          <Input type="datetime-local" max={latest} data-testid="trip-left" />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={declare.isPending}
          data-testid="trip-submit"
        >
          {t('declare.submit')}
        </Button>
      </Form>
    </Card>
  )
}
