import { beforeEach, describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor } from '@testing-library/react'
import {
  KeyGroupRoutes,
  QuarantineRoutes,
  TestingRoutes,
  type CreateQuarantineOrderBody,
  type FactCreated,
  type KeyGroupItem,
  type QuarantineOrder,
} from '@lianfang/contracts'
import { installFakeApi, type FakeApi } from '../../testing/fake-api'
import { renderPage } from '../../testing/render'
import zh from '../../i18n/zh-CN.json'
import { FactActions } from './FactActions'

const order = (body: CreateQuarantineOrderBody, releasedAt: string | null = null): QuarantineOrder => ({
  id: '900',
  personId: body.personId,
  regionCode: '110101001',
  kind: body.kind,
  reason: body.reason,
  startsAt: body.startsAt,
  endsAt: body.endsAt ?? '2026-12-15T00:00:00.000Z',
  releasedAt,
  note: body.note ?? null,
  ruleSetVersion: 'v3',
})

/** The groups of GET /api/key-groups: a national one and a local one of the user's region. */
const GROUPS: KeyGroupItem[] = [
  {
    code: 'medical_staff',
    kind: 'national',
    regionCode: null,
    regionName: null,
    nameZh: '医疗机构工作人员',
    nameEn: 'medical staff',
    intervalDays: 7,
    members: 0,
    overdue: 0,
  },
  {
    code: 'bus_drivers',
    kind: 'local',
    regionCode: '110101',
    regionName: '东城区',
    nameZh: '公交司机',
    nameEn: 'bus drivers',
    intervalDays: 3,
    members: 0,
    overdue: 0,
  },
]

/** The fact routes; each body the console sent is kept, by route. */
function serve(api: FakeApi) {
  const sent: Record<string, unknown[]> = { create: [], release: [], keyGroup: [] }
  let created: QuarantineOrder | undefined
  api.route(QuarantineRoutes.create, ({ body }) => {
    sent['create']?.push(body)
    created = order(body)
    return created
  })
  api.route(QuarantineRoutes.release, ({ params }) => {
    sent['release']?.push(params.id)
    if (created === undefined) throw new Error('nothing to release')
    return { ...created, releasedAt: '2026-12-08T00:00:00.000Z' }
  })
  api.route(KeyGroupRoutes.list, () => ({ items: GROUPS, computedAt: '2026-12-08T00:00:00.000Z' }))
  api.route(KeyGroupRoutes.set, ({ body }): FactCreated => {
    sent['keyGroup']?.push(body)
    return { id: '77', personId: body.personId, colour: 'green', ruleSetVersion: 'v3' }
  })
  api.route(TestingRoutes.enterNatResult, ({ body }): FactCreated => ({
    id: '78',
    personId: body.personId,
    colour: 'green',
    ruleSetVersion: 'v3',
  }))
  return sent
}

/** Picks an option of an antd Select by its (untranslated) label. */
const choose = async (testId: string, label: string) => {
  const select = await screen.findByTestId(testId)
  const box = select.closest('.ant-select') ?? select
  fireEvent.mouseDown(box.querySelector('.ant-select-selector') ?? box)
  const options = await screen.findAllByText(label)
  const option = options.find((o) => o.closest('.ant-select-item-option')) ?? options[0]
  if (!option) throw new Error(`no option ${label}`)
  fireEvent.click(option)
}

/** Waits until the route received its `count`th body (the modal closes with an animation). */
const received = async (bodies: unknown[] | undefined, count = 1) => {
  await waitFor(() => {
    expect(bodies).toHaveLength(count)
  })
}

describe('FactActions', () => {
  let api: FakeApi
  beforeEach(() => {
    api = installFakeApi()
  })

  it('issues a quarantine order, then offers that order for release', async () => {
    const sent = serve(api)
    renderPage(api, <FactActions personId="42" />, { url: '/persons/42', path: '/persons/:id' })
    fireEvent.click(await screen.findByTestId('fact-quarantine'))
    fireEvent.click(await screen.findByTestId('fact-quarantine-kind-centralized'))
    await choose('fact-quarantine-reason', zh.quarantineReason.close_contact)
    fireEvent.click(await screen.findByTestId('fact-quarantine-ok'))
    // Turning a code red asks first, and says what will happen.
    fireEvent.click(await screen.findByTestId('fact-quarantine-confirm'))
    await received(sent['create'])
    expect(sent['create']).toEqual([
      expect.objectContaining({ personId: '42', kind: 'centralized', reason: 'close_contact' }),
    ])
    expect(sent['create']?.[0]).not.toHaveProperty('endsAt')

    fireEvent.click(screen.getByTestId('fact-release'))
    const orderId = await screen.findByTestId('fact-release-order')
    expect(orderId).toHaveProperty('value', '900')
    fireEvent.click(screen.getByTestId('fact-release-ok'))
    await received(sent['release'])
    expect(sent['release']).toEqual(['900'])
  })

  it('puts the person in a key group of GET /api/key-groups (a local one too, by name and region), chosen not defaulted', async () => {
    const sent = serve(api)
    renderPage(api, <FactActions personId="42" />, { url: '/persons/42', path: '/persons/:id' })
    fireEvent.click(await screen.findByTestId('fact-key-group'))
    await choose('fact-key-group-group', '公交司机 · 东城区')
    const interval = (
      await screen.findByTestId('fact-key-group')
    ).ownerDocument.querySelector<HTMLInputElement>('.ant-modal input.ant-input-number-input')
    if (!interval) throw new Error('no interval input')
    fireEvent.change(interval, { target: { value: '7' } })
    fireEvent.click(await screen.findByTestId('fact-key-group-ok'))
    await received(sent['keyGroup'])
    expect(sent['keyGroup']).toEqual([{ personId: '42', group: 'bus_drivers', intervalDays: 7 }])
  })

  it('a role that may not read the groups (quarantine staff) is offered the national ones by name', async () => {
    const sent = serve(api)
    renderPage(api, <FactActions personId="42" />, {
      url: '/persons/42',
      path: '/persons/:id',
      role: 'quarantine_staff',
    })
    fireEvent.click(await screen.findByTestId('fact-key-group'))
    await choose('fact-key-group-group', zh.keyGroup.medical_staff)
    const interval = (
      await screen.findByTestId('fact-key-group')
    ).ownerDocument.querySelector<HTMLInputElement>('.ant-modal input.ant-input-number-input')
    if (!interval) throw new Error('no interval input')
    fireEvent.change(interval, { target: { value: '7' } })
    fireEvent.click(await screen.findByTestId('fact-key-group-ok'))
    await received(sent['keyGroup'])
    expect(sent['keyGroup']).toEqual([{ personId: '42', group: 'medical_staff', intervalDays: 7 }])
    expect(api.requests.some((r) => r.path === '/api/key-groups' && r.method === 'GET')).toBe(false)
  })

  it('forms that write start empty: one click on OK records nothing (#16)', async () => {
    const sent = serve(api)
    renderPage(api, <FactActions personId="42" />, { url: '/persons/42', path: '/persons/:id' })
    fireEvent.click(await screen.findByTestId('fact-quarantine'))
    fireEvent.click(await screen.findByTestId('fact-quarantine-ok'))
    await screen.findAllByText(zh.facts.required)
    expect(screen.queryByTestId('fact-quarantine-confirm')).toBeNull()
    expect(sent['create']).toEqual([])
  })

  it('a positive NAT asks first, and needs its result chosen', async () => {
    const sent: unknown[] = []
    api.route(TestingRoutes.enterNatResult, ({ body }): FactCreated => {
      sent.push(body)
      return { id: '78', personId: body.personId, colour: 'red', ruleSetVersion: 'v3' }
    })
    renderPage(api, <FactActions personId="42" />, {
      url: '/persons/42',
      path: '/persons/:id',
      role: 'tester',
    })
    fireEvent.click(await screen.findByTestId('fact-nat'))
    fireEvent.click(await screen.findByTestId('fact-nat-ok'))
    await screen.findAllByText(zh.facts.required)
    fireEvent.click(await screen.findByTestId('fact-nat-result-positive'))
    fireEvent.click(await screen.findByTestId('fact-nat-ok'))
    fireEvent.click(await screen.findByTestId('fact-nat-confirm'))
    await received(sent)
    expect(sent[0]).toMatchObject({ personId: '42', result: 'positive', pooled: false })
  })

  it('offers only the facts the role may record', async () => {
    serve(api)
    renderPage(api, <FactActions personId="42" />, {
      url: '/persons/42',
      path: '/persons/:id',
      role: 'tester',
    })
    await screen.findByTestId('fact-nat')
    expect(screen.queryByTestId('fact-quarantine')).toBeNull()
    expect(screen.queryByTestId('fact-key-group')).toBeNull()
  })
})
