import { App, Form, Input, InputNumber, Select } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import { CheckinRoutes, VENUE_KINDS, type CreateVenueBody, type Venue } from '@lianfang/contracts'
import { call } from '../../api/call'
import { venueKeys } from '../../api/venues'
import { MutationButton, unionOptions } from '../../components/list-kit'
import { RegionTreeSelect } from '../../components/RegionTreeSelect'
import { useCurrentUser } from '../../layout/Guards'
import { EnclosedFormItem } from './EnclosedField'

interface CreateForm {
  name: string
  kind: Venue['kind']
  regionCode: string
  capacity?: number | null
  address?: string
  /** Trains and buses only (`EnclosedFormItem`); absent: not recorded. */
  enclosed?: boolean
}

/** Registers a venue (in the user's region by default), then opens it. */
export function CreateVenueButton() {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  return (
    <MutationButton<CreateForm, Venue>
      buttonText={t('venues.create')}
      buttonProps={{ type: 'primary', size: 'middle' }}
      buttonTestId="venue-create"
      testId="venue-create"
      title={t('venues.createTitle')}
      okText={t('venues.create')}
      initialValues={{ kind: 'residential_gate', regionCode: me.regionCode }}
      mutationFn={(v) => {
        const body: CreateVenueBody = { name: v.name.trim(), kind: v.kind, regionCode: v.regionCode }
        if (typeof v.capacity === 'number') body.capacity = v.capacity
        if (v.address !== undefined && v.address.trim() !== '') body.address = v.address.trim()
        if (typeof v.enclosed === 'boolean') body.enclosed = v.enclosed
        return call(CheckinRoutes.createVenue, { body })
      }}
      onSuccess={(venue) => {
        void message.success(t('venues.created', { name: venue.name }))
        void queryClient.invalidateQueries({ queryKey: venueKeys.all })
        void navigate(`/venues/${venue.id}`)
      }}
    >
      <Form.Item
        name="name"
        label={t('venues.name')}
        rules={[{ required: true, whitespace: true, message: t('venues.nameRequired') }]}
      >
        <Input maxLength={100} data-testid="venue-name" />
      </Form.Item>
      <Form.Item name="kind" label={t('venues.kind')} rules={[{ required: true }]}>
        <Select options={unionOptions(VENUE_KINDS, 'venues.kinds', t)} data-testid="venue-kind" />
      </Form.Item>
      <EnclosedFormItem />
      <Form.Item
        name="regionCode"
        label={t('venues.region')}
        rules={[{ required: true, message: t('venues.regionRequired') }]}
      >
        <RegionTreeSelect testId="venue-region" />
      </Form.Item>
      <Form.Item name="capacity" label={t('venues.capacity')}>
        <InputNumber min={0} max={1_000_000} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="address" label={t('venues.address')}>
        <Input maxLength={200} />
      </Form.Item>
    </MutationButton>
  )
}
