import { describe, expect, it } from 'vitest'
import { fireEvent, screen, within } from '@testing-library/react'
import { SignedResultRoutes } from '@lianfang/contracts'
import { installFakeApi } from '../../testing/fake-api'
import { renderPage } from '../../testing/render'
import { expectParity } from '../../i18n/parity'
import zhCN from './nat-results.zh-CN.json'
import en from './nat-results.en.json'
import NatResultVerifyPage from './NatResultVerifyPage'
import { QR_TEXT, REFUSED, VALID } from './__fixtures__/results'

const WAIT = { timeout: 5000 }
const find = (testId: string) => screen.findByTestId(testId, {}, WAIT)

function setUp() {
  const api = installFakeApi()
  api.route(SignedResultRoutes.verify, ({ body }) => (body.qr === QR_TEXT ? VALID : REFUSED))
  renderPage(api, <NatResultVerifyPage />, {
    url: '/nat-results/verify',
    path: '/nat-results/verify',
    role: 'checkpoint',
  })
  return api
}

const verify = async (qr: string) => {
  fireEvent.change(await find('nat-result-qr'), { target: { value: qr } })
  fireEvent.click(screen.getByTestId('nat-result-verify'))
  return find('nat-result-card')
}

describe('NatResultVerifyPage', () => {
  it('starts empty, then shows a valid result with the masked name and says the status was not checked', async () => {
    const api = setUp()
    expect(await find('nat-result-empty')).toBeTruthy()
    expect(screen.getByTestId('nat-result-verify').hasAttribute('disabled')).toBe(true)
    const card = await verify(QR_TEXT)
    expect(within(card).getByTestId('nat-result-status').textContent).toBe('结果有效')
    expect(within(card).getByTestId('nat-result-value').textContent).toBe('阴性')
    expect(card.textContent).toContain('张*明')
    expect(card.textContent).toContain('北京朝阳疾控')
    expect(within(card).getByTestId('nat-result-unchecked').textContent).toContain(
      zhCN.natResults.verify.statusUnchecked,
    )
    expect(api.requests.find((r) => r.path === '/api/nat-results/verify')?.body).toEqual({ qr: QR_TEXT })
    expect(api.unhandled).toEqual([])
  })

  it('shows a refused result in red with the failed check in words, and clears', async () => {
    setUp()
    const card = await verify('LR1:FORGED')
    expect(within(card).getByTestId('nat-result-status').textContent).toBe('结果无效')
    expect(within(card).getByTestId('nat-result-stage').textContent).toBe(zhCN.natResults.stages.signature)
    fireEvent.click(screen.getByTestId('nat-result-clear'))
    expect(await find('nat-result-empty')).toBeTruthy()
  })

  it('has every string in both languages', () => {
    expectParity(zhCN, en)
  })
})
