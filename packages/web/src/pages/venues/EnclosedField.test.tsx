import { beforeEach, describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor } from '@testing-library/react'
import { Form, Input } from 'antd'
import { CheckinRoutes, type Venue } from '@lianfang/contracts'
import { errorReply, installFakeApi, type FakeApi } from '../../testing/fake-api'
import { renderPage } from '../../testing/render'
import { EnclosedDetail, EnclosedFormItem } from './EnclosedField'

const TRAIN: Venue = {
  id: '51',
  regionCode: '110101001',
  regionName: '东华门街道',
  kind: 'train',
  name: 'K202 武汉—广州',
  capacity: 1200,
  address: null,
  active: true,
  managerUserId: null,
  enclosed: null,
}

/** The create form's field for a kind typed in (the real form picks it from a select). */
function CreateForm({ kind }: { kind: Venue['kind'] }) {
  return (
    <Form initialValues={{ kind }}>
      <Form.Item name="kind">
        <Input />
      </Form.Item>
      <EnclosedFormItem />
    </Form>
  )
}

/** RULES.md CC.TRANSPORT.TRAIN / BUS: only trains and buses record their ventilation. */
describe('venue ventilation (CC.TRANSPORT.TRAIN, CC.TRANSPORT.BUS)', () => {
  let api: FakeApi
  beforeEach(() => {
    api = installFakeApi()
  })

  it.each([
    ['train', true],
    ['bus', true],
    ['flight', false],
    ['ship', false],
    ['market', false],
  ] as const)('the create form asks a %s for it: %s, empty at first', async (kind, shown) => {
    renderPage(api, <CreateForm kind={kind} />, { url: '/venues', path: '/venues' })
    await screen.findByRole('textbox')
    expect(screen.queryByTestId('venue-enclosed') !== null).toBe(shown)
    if (shown)
      for (const radio of screen.getAllByRole('radio'))
        expect((radio as HTMLInputElement).checked).toBe(false)
  })

  it('a manager changes it on the detail page (PATCH), from "not recorded"', async () => {
    api.route(CheckinRoutes.patchVenue, ({ body }) => ({ ...TRAIN, enclosed: body.enclosed ?? null }))
    renderPage(api, <EnclosedDetail venue={TRAIN} canManage />, { url: '/venues/51', path: '/venues/:id' })
    const edit = await screen.findByTestId('venue-enclosed-edit')
    expect(edit.textContent).toContain('未登记（按全密闭空调处理）')
    fireEvent.click(screen.getByText('非密闭（普通列车 / 可通风客车）'))
    await waitFor(() => {
      expect(api.requests.find((r) => r.method === 'PATCH')?.body).toEqual({ enclosed: false })
    })
  })

  it('shows the server’s refusal in Chinese', async () => {
    api.route(CheckinRoutes.patchVenue, () =>
      errorReply(400, 'VENUE_TRANSPORT_NOT_APPLICABLE', 'enclosed: a market has no ventilation rule'),
    )
    renderPage(api, <EnclosedDetail venue={TRAIN} canManage />, { url: '/venues/51', path: '/venues/:id' })
    fireEvent.click(await screen.findByText('全密闭空调'))
    expect(await screen.findByText(/只有列车和客车可以登记/)).toBeTruthy()
  })

  it('a reader sees it without a control; other kinds show nothing', async () => {
    const { unmount } = renderPage(
      api,
      <EnclosedDetail venue={{ ...TRAIN, enclosed: true }} canManage={false} />,
      {
        url: '/venues/51',
        path: '/venues/:id',
      },
    )
    expect((await screen.findByTestId('venue-enclosed-detail')).textContent).toContain('全密闭空调')
    expect(screen.queryByTestId('venue-enclosed-edit')).toBeNull()
    unmount()
    renderPage(api, <EnclosedDetail venue={{ ...TRAIN, kind: 'ship' }} canManage />, {
      url: '/venues/51',
      path: '/venues/:id',
    })
    await waitFor(() => {
      expect(screen.queryByTestId('venue-enclosed-detail')).toBeNull()
    })
  })
})
