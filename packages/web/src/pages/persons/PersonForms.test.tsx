import { beforeEach, describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import {
  PersonRoutes,
  type CreatePersonBody,
  type PersonDetail,
  type UpdatePersonBody,
} from '@lianfang/contracts'
import { errorReply, installFakeApi, type FakeApi } from '../../testing/fake-api'
import { currentUrl, renderPage } from '../../testing/render'
import zh from '../../i18n/zh-CN.json'
import PersonsPage from './PersonsPage'
import PersonDetailPage from './PersonDetailPage'
import { REGION_TREE } from './__fixtures__/persons'

const detail = (over: Partial<PersonDetail> = {}): PersonDetail => ({
  id: '42',
  name: '王小明',
  sex: 'male',
  birthDate: '1985-03-07',
  phoneMasked: '139****5678',
  idType: 'resident',
  idNumberMasked: '110101********1234',
  regionCode: '110101001',
  regionName: '东华门街道',
  householdId: null,
  address: '东华门大街 1 号',
  household: null,
  workplaceId: null,
  workplaceName: null,
  workUnitId: null,
  workUnitName: null,
  schoolId: null,
  schoolName: null,
  classUnitId: null,
  classUnitName: null,
  version: 3,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  ...over,
})

const fill = (testId: string, value: string) => {
  const el = screen.getByTestId(testId)
  const input = el instanceof HTMLInputElement ? el : el.querySelector('input')
  if (!input) throw new Error(`no input ${testId}`)
  fireEvent.change(input, { target: { value } })
}

/** Opens an antd Select or TreeSelect by its test id and clicks the option showing `label`. */
const choose = async (testId: string, label: string) => {
  const select = await screen.findByTestId(testId)
  const box = select.closest('.ant-select') ?? select
  fireEvent.mouseDown(box.querySelector('.ant-select-selector') ?? box)
  const options = await screen.findAllByText(label)
  const option =
    options.find((o) => o.closest('.ant-select-item-option, .ant-select-tree-node-content-wrapper')) ??
    options[options.length - 1]
  if (!option) throw new Error(`no option ${label}`)
  fireEvent.click(option)
}

describe('新建人员 and 编辑 (#16)', () => {
  let api: FakeApi
  beforeEach(() => {
    api = installFakeApi()
    api.on('GET', '/api/regions/tree', () => REGION_TREE)
    api.on('GET', '/api/persons', () => ({ items: [], total: 0, page: 1, pageSize: 20 }))
  })

  it('starts empty, says what is missing in Chinese, shows the server’s ID refusal translated, then opens the new person', async () => {
    const sent: CreatePersonBody[] = []
    let refuse = true
    api.route(PersonRoutes.create, ({ body }) => {
      sent.push(body)
      if (refuse)
        return errorReply(400, 'ID_NUMBER_INVALID', 'resident ID number fails', { problem: 'checksum' })
      return detail({ id: '77', name: body.name })
    })
    api.route(PersonRoutes.get, () => detail({ id: '77' }))
    renderPage(api, <PersonsPage />, { url: '/persons', path: '/persons', role: 'community_worker' })
    fireEvent.click(await screen.findByTestId('person-create'))
    expect(screen.getByTestId<HTMLInputElement>('person-form-name').value).toBe('')
    expect(screen.getByTestId<HTMLInputElement>('person-form-id-number').value).toBe('')
    fireEvent.click(screen.getByTestId('person-create-confirm'))
    expect(await screen.findByText(zh.personForm.nameRequired)).toBeTruthy()
    expect(screen.getByText(zh.personForm.idTypeRequired)).toBeTruthy()
    expect(screen.getByText(zh.personForm.regionRequired)).toBeTruthy()
    expect(sent).toEqual([])

    fill('person-form-name', ' 李四 ')
    await choose('person-form-id-type', zh.idType.resident)
    fill('person-form-id-number', '11010119850307123x')
    await choose('person-form-region', '东华门街道')
    fireEvent.click(screen.getByTestId('person-form-household-new'))
    await screen.findByTestId('person-form-household-address')
    fill('person-form-household-address', '东华门大街 2 号')
    fireEvent.click(screen.getByTestId('person-create-confirm'))
    expect((await screen.findByTestId('error-alert')).textContent).toContain(zh.idNumberProblem.checksum)
    expect(sent).toEqual([
      {
        name: '李四',
        idType: 'resident',
        idNumber: '11010119850307123X',
        regionCode: '110101001',
        newHousehold: { address: '东华门大街 2 号' },
      },
    ])

    refuse = false
    fireEvent.click(screen.getByTestId('person-create-confirm'))
    await waitFor(() => {
      expect(currentUrl().pathname).toBe('/persons/77')
    })
  })

  it('edits with the current values filled in and sends only what changed, with the version read', async () => {
    const sent: UpdatePersonBody[] = []
    let stored = detail()
    api.route(PersonRoutes.get, () => stored)
    api.route(PersonRoutes.update, ({ body }) => {
      sent.push(body)
      stored = detail({ name: body.name ?? stored.name, version: stored.version + 1 })
      return stored
    })
    renderPage(api, <PersonDetailPage />, {
      url: '/persons/42',
      path: '/persons/:id',
      role: 'community_worker',
    })
    fireEvent.click(await screen.findByTestId('person-edit'))
    expect(screen.getByTestId<HTMLInputElement>('person-form-name').value).toBe('王小明')
    expect(screen.getByTestId<HTMLInputElement>('person-form-address').value).toBe('东华门大街 1 号')
    expect(screen.getByTestId<HTMLInputElement>('person-form-phone').value).toBe('')
    fill('person-form-name', '王晓明')
    fireEvent.click(screen.getByTestId('person-edit-confirm'))
    await waitFor(() => {
      expect(sent).toEqual([{ version: 3, name: '王晓明' }])
    })
    await waitFor(() => {
      expect(screen.getByTestId('person-name').textContent).toBe('王晓明')
    })
  })

  it('shows someone else’s change meanwhile (STALE_VERSION) and keeps the form', async () => {
    api.route(PersonRoutes.get, () => detail())
    api.route(PersonRoutes.update, () =>
      errorReply(409, 'STALE_VERSION', 'person 42 was changed since version 3', { currentVersion: 4 }),
    )
    renderPage(api, <PersonDetailPage />, {
      url: '/persons/42',
      path: '/persons/:id',
      role: 'community_worker',
    })
    fireEvent.click(await screen.findByTestId('person-edit'))
    fill('person-form-address', '')
    fireEvent.click(screen.getByTestId('person-edit-confirm'))
    const modal = (await screen.findByTestId('person-form-name')).closest('.ant-modal')
    if (!(modal instanceof HTMLElement)) throw new Error('no modal')
    expect((await within(modal).findByTestId('error-alert')).textContent).toContain(
      zh.errorCode.STALE_VERSION,
    )
    expect(screen.getByTestId<HTMLInputElement>('person-form-name').value).toBe('王小明')
  })
})
