import { describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import {
  KeyGroupRoutes,
  type KeyGroupItem,
  type KeyGroupList,
  type NotifyOverdueResult,
  type OverdueMember,
  type OverduePage,
  type RegionNode,
} from '@lianfang/contracts'
import { installFakeApi, type FakeApi } from '../../testing/fake-api'
import { currentUrl, renderPage } from '../../testing/render'
import zhCN from './key-groups.zh-CN.json'
import KeyGroupsPage from './KeyGroupsPage'

const TREE: RegionNode = { code: '420106', name: '武昌区', level: 'district', synthetic: false, children: [] }
const group = (
  code: string,
  nameZh: string,
  overdue: number,
  kind: 'national' | 'local' = 'national',
): KeyGroupItem => ({
  code,
  kind,
  regionCode: kind === 'local' ? '420106' : null,
  regionName: kind === 'local' ? '武昌区' : null,
  nameZh,
  nameEn: code,
  intervalDays: 7,
  members: 10,
  overdue,
})
const GROUPS: KeyGroupList = {
  items: [group('medical_staff', '医疗机构工作人员', 1), group('prison_staff', '监所工作人员', 0)],
  computedAt: '2026-12-08T01:00:00.000Z',
}
const MEMBER: OverdueMember = {
  personId: '42',
  name: '张三',
  phoneMasked: '139****0001',
  idNumberMasked: '420106********1234',
  regionCode: '420106001001',
  regionName: '水果湖社区',
  group: 'medical_staff',
  groupNameZh: '医疗机构工作人员',
  groupNameEn: 'medical staff',
  unitName: '第一人民医院',
  source: 'staff_roster',
  intervalDays: 7,
  lastNegativeAt: null,
  overdueSince: null,
  remindedToday: false,
}

/** A fake server: the groups, an overdue list filtered by group, reminders counted per person. */
function serve(api: FakeApi) {
  let reminded = false
  api.on('GET', '/api/regions/tree', () => TREE)
  api.route(KeyGroupRoutes.list, () => GROUPS)
  api.route(KeyGroupRoutes.overdue, ({ query }): OverduePage => {
    const items = query.get('group') === 'prison_staff' ? [] : [{ ...MEMBER, remindedToday: reminded }]
    const counts = items.map((m) => ({
      regionCode: m.regionCode,
      regionName: m.regionName,
      group: m.group,
      overdue: 1,
    }))
    return { items, total: items.length, page: 1, pageSize: 20, counts }
  })
  api.route(KeyGroupRoutes.notify, (): NotifyOverdueResult => {
    const already = reminded
    reminded = true
    return { overdue: 1, sent: already ? 0 : 1, alreadyToday: already ? 1 : 0, noPhone: 0, failed: 0 }
  })
  api.route(KeyGroupRoutes.createLocal, ({ body }) => ({
    ...group(body.code, body.nameZh, 0, 'local'),
    intervalDays: body.intervalDays,
  }))
}

const WAIT = { timeout: 5000 }
const find = (testId: string) => screen.findByTestId(testId, {}, WAIT)

describe('KeyGroupsPage', () => {
  it('lists the groups with members and overdue counts, and the overdue members masked with regions by name', async () => {
    const api = installFakeApi()
    serve(api)
    renderPage(api, <KeyGroupsPage />, { url: '/key-groups', path: '/key-groups', role: 'community_worker' })
    const table = await find('key-groups-table')
    expect(await within(table).findByText('医疗机构工作人员', {}, WAIT)).toBeTruthy()
    const overdue = await find('key-groups-overdue-table')
    expect(await within(overdue).findByText('张三', {}, WAIT)).toBeTruthy()
    expect(within(overdue).getByText('139****0001')).toBeTruthy()
    expect(within(overdue).getByText('水果湖社区')).toBeTruthy()
    expect(within(overdue).getByText(zhCN.keyGroups.sources.staff_roster)).toBeTruthy()
    expect(within(overdue).getByText(zhCN.keyGroups.never)).toBeTruthy()
    expect(within(await find('key-groups-counts')).getByText('水果湖社区')).toBeTruthy()
    // The import entry for those who may import; no local-group form for a community worker.
    expect(screen.getByTestId('key-group-import').getAttribute('href')).toBe('/imports/key-group-members')
    expect(screen.queryByTestId('key-group-define')).toBeNull()
    expect(api.unhandled).toEqual([])
  })

  it('an overdue count opens the list filtered by that group (in the URL)', async () => {
    const api = installFakeApi()
    serve(api)
    renderPage(api, <KeyGroupsPage />, { url: '/key-groups', path: '/key-groups', role: 'community_worker' })
    fireEvent.click(await find('key-group-overdue-medical_staff'))
    await waitFor(() => {
      expect(currentUrl().searchParams.get('group')).toBe('medical_staff')
    }, WAIT)
    const asked = api.requests.filter((r) => r.path === '/api/key-groups/overdue')
    expect(asked.at(-1)?.query.get('group')).toBe('medical_staff')
  })

  it('sends the SMS reminder only after a confirmation, for the filter shown', async () => {
    const api = installFakeApi()
    serve(api)
    renderPage(api, <KeyGroupsPage />, {
      url: '/key-groups?unit=一院',
      path: '/key-groups',
      role: 'community_worker',
    })
    await within(await find('key-groups-overdue-table')).findByText('张三', {}, WAIT)
    fireEvent.click(screen.getByTestId('key-groups-notify'))
    fireEvent.click(await find('key-groups-notify-confirm'))
    expect(await find('key-groups-notify-danger')).toBeTruthy()
    expect(api.requests.filter((r) => r.method === 'POST')).toEqual([])
    fireEvent.click(screen.getByTestId('key-groups-notify-confirm-danger'))
    await waitFor(() => {
      expect(api.requests.filter((r) => r.method === 'POST').map((r) => [r.path, r.body])).toEqual([
        ['/api/key-groups/overdue/notify', { unit: '一院' }],
      ])
    }, WAIT)
    expect(
      await within(await find('key-groups-overdue-table')).findByText(zhCN.keyGroups.remindedToday, {}, WAIT),
    ).toBeTruthy()
  })

  it('defines a local group from a form that starts empty: nothing is sent until it is filled', async () => {
    const api = installFakeApi()
    serve(api)
    renderPage(api, <KeyGroupsPage />, { url: '/key-groups', path: '/key-groups', role: 'epidemiologist' })
    fireEvent.click(await find('key-group-define'))
    const code = (await find('key-group-define-code')) as HTMLInputElement
    expect(code.value).toBe('')
    expect(screen.getByTestId<HTMLInputElement>('key-group-define-name-zh').value).toBe('')
    expect(screen.getByTestId<HTMLInputElement>('key-group-define-interval').value).toBe('')
    // Nothing is sent from the empty form.
    fireEvent.click(screen.getByTestId('key-group-define-confirm'))
    expect((await screen.findAllByText(zhCN.keyGroups.required, {}, WAIT)).length).toBeGreaterThan(0)
    expect(api.requests.filter((r) => r.method === 'POST')).toEqual([])
  })
})
