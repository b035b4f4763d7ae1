import { describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor } from '@testing-library/react'
import { TubeRoutes, type TubeDetail } from '@lianfang/contracts'
import { errorReply, installFakeApi } from '../../testing/fake-api'
import { renderPage } from '../../testing/render'
import { expectParity } from '../../i18n/parity'
import zhCN from './tubes.zh-CN.json'
import en from './tubes.en.json'
import TubeRegisterPage from './TubeRegisterPage'

const WAIT = { timeout: 5000 }
const find = (id: string) => screen.findByTestId(id, {}, WAIT)

const TUBE: TubeDetail = {
  id: '7',
  barcode: 'LF0001',
  regionCode: '110000',
  regionName: '北京市',
  campaignId: null,
  siteId: null,
  poolSize: 5,
  members: 0,
  status: 'open',
  shipmentId: null,
  registeredAt: '2026-12-08T01:00:00.000Z',
  result: null,
  ct: null,
  resultedAt: null,
  memberList: [],
}

describe('TubeRegisterPage (样本管登记)', () => {
  it('has the same keys in zh-CN and en', () => {
    expectParity(zhCN, en)
  })

  it('starts empty, registers a tube, adds a person by health code and one by ID number, closes', async () => {
    const api = installFakeApi()
    let tube = TUBE
    api.route(TubeRoutes.create, ({ body }) => ({ ...TUBE, barcode: body.barcode, poolSize: body.poolSize }))
    api.route(TubeRoutes.addMember, ({ body }) => {
      if (body.personIdNumber === 'X') return errorReply(409, 'PERSON_IN_OTHER_TUBE', 'in another tube')
      const n = tube.members + 1
      tube = {
        ...tube,
        members: n,
        memberList: [
          ...tube.memberList,
          {
            personId: String(n),
            name: `张*${String(n)}`,
            idNumberMasked: '1101**********0021',
            registeredAt: TUBE.registeredAt,
          },
        ],
      }
      return tube
    })
    api.route(TubeRoutes.close, () => ({ ...tube, status: 'closed' as const }))
    renderPage(api, <TubeRegisterPage />, { url: '/tubes/register', path: '/tubes/register', role: 'tester' })
    const barcode = (await find('tube-barcode')) as HTMLInputElement
    expect(barcode.value).toBe('')
    expect(screen.getByTestId('tube-create').hasAttribute('disabled')).toBe(true)
    fireEvent.change(barcode, { target: { value: 'LF0001' } })
    fireEvent.click(screen.getByLabelText('5 人一管'))
    await waitFor(() => {
      expect(screen.getByTestId('tube-create').hasAttribute('disabled')).toBe(false)
    }, WAIT)
    fireEvent.click(screen.getByTestId('tube-create'))
    expect((await find('tube-count')).textContent).toContain('已加入 0 / 5 人')
    expect(api.requests.find((r) => r.path === '/api/tubes')?.body).toEqual({
      barcode: 'LF0001',
      poolSize: 5,
      regionCode: '110000',
    })

    fireEvent.change(await find('tube-member'), { target: { value: 'LF1:ABCDEF' } })
    fireEvent.click(screen.getByTestId('tube-add'))
    await waitFor(() => {
      expect(screen.getByTestId('tube-count').textContent).toContain('1 / 5')
    }, WAIT)
    fireEvent.change(await find('tube-member'), { target: { value: '110105194912310021' } })
    fireEvent.click(screen.getByTestId('tube-add'))
    await waitFor(() => {
      expect(screen.getByTestId('tube-count').textContent).toContain('2 / 5')
    }, WAIT)
    const adds = api.requests.filter((r) => r.path === '/api/tubes/7/members').map((r) => r.body)
    expect(adds).toEqual([{ healthCode: 'LF1:ABCDEF' }, { personIdNumber: '110105194912310021' }])

    fireEvent.change(await find('tube-member'), { target: { value: 'X' } })
    fireEvent.click(screen.getByTestId('tube-add'))
    expect((await screen.findByText(/另一支采样管/, {}, WAIT)).textContent).toBeTruthy()

    fireEvent.click(screen.getByTestId('tube-close'))
    // The confirmation (antd spaces a two-character label: 封 管) is its last button of that name.
    await screen.findAllByText('封管？', {}, WAIT)
    fireEvent.click(screen.getAllByRole('button', { name: /封\s*管/ }).at(-1) as HTMLElement)
    await waitFor(() => {
      expect(screen.getByTestId('tube-status').textContent).toBe('已封管')
    }, WAIT)
  })

  it('shows the refusal of a pool the area does not allow, in Chinese', async () => {
    const api = installFakeApi()
    api.route(TubeRoutes.create, () =>
      errorReply(400, 'POOL_SIZE_NOT_ALLOWED', 'pool size 20 is not allowed', { allowed: [1, 5, 10] }),
    )
    renderPage(api, <TubeRegisterPage />, { url: '/tubes/register', path: '/tubes/register', role: 'tester' })
    fireEvent.change(await find('tube-barcode'), { target: { value: 'LF0002' } })
    fireEvent.click(screen.getByLabelText('20 人一管'))
    await waitFor(() => {
      expect(screen.getByTestId('tube-create').hasAttribute('disabled')).toBe(false)
    }, WAIT)
    fireEvent.click(screen.getByTestId('tube-create'))
    expect(await screen.findByText(/不允许此混采比例/, {}, WAIT)).toBeTruthy()
  })
})
