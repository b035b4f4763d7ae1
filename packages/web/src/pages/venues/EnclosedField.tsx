import { App, Form, Radio, Typography } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { CheckinRoutes, readsEnclosed, type Venue } from '@lianfang/contracts'
import { call } from '../../api/call'
import { venueKeys } from '../../api/venues'
import { ErrorAlert } from '../../components/ErrorAlert'

/** The three states of `Venue.enclosed`, as radio values. */
const STATES = ['true', 'false', 'null'] as const
type State = (typeof STATES)[number]
const stateOf = (v: boolean | null): State => (v === null ? 'null' : v ? 'true' : 'false')
const valueOf = (s: State): boolean | null => (s === 'null' ? null : s === 'true')

/**
 * The create form's ventilation field (`CreateVenueBody.enclosed`), shown only when the chosen kind
 * records one (trains and buses: RULES.md CC.TRANSPORT.TRAIN / BUS). It starts empty: not sent,
 * the venue is "not recorded" and traced as enclosed.
 */
export function EnclosedFormItem() {
  const { t } = useTranslation()
  return (
    <Form.Item noStyle dependencies={['kind']}>
      {({ getFieldValue }) => {
        const kind: unknown = getFieldValue('kind')
        return typeof kind === 'string' && readsEnclosed(kind) ? (
          <Form.Item name="enclosed" label={t('venues.enclosed')} extra={t('venues.enclosedHelp')}>
            <Radio.Group
              options={[
                { value: true, label: t('venues.enclosedValues.true') },
                { value: false, label: t('venues.enclosedValues.false') },
              ]}
              data-testid="venue-enclosed"
            />
          </Form.Item>
        ) : null
      }}
    </Form.Item>
  )
}

/**
 * A train's or a bus's ventilation on its detail page: shown to readers, changed by managers
 * (`PATCH /api/venues/:id`). Nothing for other kinds.
 */
export function EnclosedDetail({ venue, canManage }: { venue: Venue; canManage: boolean }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const save = useMutation({
    mutationFn: (enclosed: boolean | null) =>
      call(CheckinRoutes.patchVenue, { params: { id: venue.id }, body: { enclosed } }),
    onSuccess: async (v) => {
      void message.success(t('venues.enclosedSaved'))
      queryClient.setQueryData(venueKeys.detail(venue.id), v)
      await queryClient.invalidateQueries({ queryKey: venueKeys.all })
    },
  })
  if (!readsEnclosed(venue.kind)) return null
  const current = stateOf(venue.enclosed)
  return (
    <div data-testid="venue-enclosed-detail">
      {canManage ? (
        <Radio.Group
          size="small"
          optionType="button"
          value={current}
          disabled={save.isPending}
          options={STATES.map((s) => ({ value: s, label: t(`venues.enclosedValues.${s}`) }))}
          onChange={(e) => {
            save.mutate(valueOf(e.target.value as State))
          }}
          data-testid="venue-enclosed-edit"
        />
      ) : (
        <span>{t(`venues.enclosedValues.${current}`)}</span>
      )}
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
        {t('venues.enclosedHelp')}
      </Typography.Paragraph>
      {save.isError && <ErrorAlert error={save.error} />}
    </div>
  )
}
