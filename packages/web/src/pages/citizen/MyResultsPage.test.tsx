import { describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { SignedResultRoutes, type SignedNatResult } from '@lianfang/contracts'
import { errorReply, installFakeApi } from '../../testing/fake-api'
import { renderPage } from '../../testing/render'
import zhCN from '../nat-results/nat-results.zh-CN.json'
import MyResultsPage from './MyResultsPage'
import { IMPORTED, NEGATIVE, PENDING, QR_TEXT } from '../nat-results/__fixtures__/results'

const WAIT = { timeout: 5000 }
const find = (testId: string) => screen.findByTestId(testId, {}, WAIT)
const FOREIGN = 'LR1:FOREIGN0RESULT'

function setUp(initial: SignedNatResult[] = [PENDING, NEGATIVE]) {
  const api = installFakeApi()
  let list = [...initial]
  api.route(SignedResultRoutes.mine, () => list)
  api.route(SignedResultRoutes.importMine, ({ body }) => {
    if (body.qr === FOREIGN) {
      list = [IMPORTED, ...list]
      return { id: IMPORTED.id, personId: '7', colour: 'green' as const, ruleSetVersion: 'FK8@1' }
    }
    if (body.qr === 'LR1:aa')
      return errorReply(400, 'RESULT_INVALID', 'the result does not verify (base45)', { stage: 'base45' })
    return errorReply(409, 'RESULT_EXISTS', 'imported already', { resultId: '9' })
  })
  renderPage(api, <MyResultsPage />, { url: '/me/results', path: '/me/results', role: 'citizen' })
  return api
}

describe('MyResultsPage', () => {
  it('lists my results newest first and shows the QR of a final one, and why another has none', async () => {
    const api = setUp()
    const pending = await find('nat-result-42')
    expect(within(pending).getByTestId('nat-result-no-qr').textContent).toBe(zhCN.natResults.noQr.pending)
    expect(within(pending).queryByTestId('nat-result-show-qr')).toBeNull()
    const negative = screen.getByTestId('nat-result-41')
    expect(within(negative).getByTestId('nat-result-value').textContent).toBe('阴性')
    expect(negative.textContent).toContain('混采')
    fireEvent.click(within(negative).getByTestId('nat-result-show-qr'))
    const qr = await within(negative).findByTestId('qr-code', {}, WAIT)
    expect(qr.getAttribute('data-qr')).toBe(QR_TEXT)
    expect(api.unhandled).toEqual([])
  })

  it('says when there are no results', async () => {
    setUp([])
    expect((await find('my-results-empty')).textContent).toContain(zhCN.natResults.empty)
  })

  it('imports a result from another region from an empty field, and lists it', async () => {
    const api = setUp()
    const field = await find('import-result-qr')
    expect((field as HTMLTextAreaElement).value).toBe('')
    expect(screen.getByTestId('import-result-submit').hasAttribute('disabled')).toBe(true)
    fireEvent.change(field, { target: { value: `  ${FOREIGN}\n` } })
    fireEvent.click(screen.getByTestId('import-result-submit'))
    expect((await find('import-result-done')).textContent).toContain('绿码')
    expect(api.requests.find((r) => r.path === '/api/me/nat-results/import')?.body).toEqual({ qr: FOREIGN })
    const item = await find('nat-result-43')
    expect(item.textContent).toContain(zhCN.natResults.imported)
    expect(item.textContent).toContain('node-110000')
    await waitFor(() => {
      expect(screen.getByTestId<HTMLTextAreaElement>('import-result-qr').value).toBe('')
    })
  })

  it('shows why a result was refused, with the failed check', async () => {
    setUp()
    fireEvent.change(await find('import-result-qr'), { target: { value: 'LR1:aa' } })
    fireEvent.click(screen.getByTestId('import-result-submit'))
    expect((await find('import-result-stage')).textContent).toContain(zhCN.natResults.stages.base45)
    fireEvent.change(screen.getByTestId('import-result-qr'), { target: { value: 'LR1:DUPLICATE' } })
    fireEvent.click(screen.getByTestId('import-result-submit'))
    await waitFor(() => {
      expect(screen.getByTestId('import-result').textContent).toContain('该核酸结果已在您的列表中')
    }, WAIT)
  })
})
