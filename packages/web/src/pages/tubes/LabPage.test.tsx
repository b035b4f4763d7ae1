import { describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { ImportRoutes, LabRoutes, type ImportPreview } from '@lianfang/contracts'
import { installFakeApi } from '../../testing/fake-api'
import { renderPage } from '../../testing/render'
import LabPage from './LabPage'

const WAIT = { timeout: 5000 }
const find = (id: string) => screen.findByTestId(id, {}, WAIT)

const PREVIEW: ImportPreview = {
  previewId: '00000000-0000-4000-8000-000000000001',
  kind: 'lab-results',
  filename: 'results.csv',
  format: 'csv',
  digest: 'ab',
  rowCount: 3,
  validCount: 1,
  issueCount: 2,
  issues: [
    { row: 3, column: '条码', code: 'notShippedToLab', detail: null },
    { row: 4, column: 'N', code: 'tooLong', detail: 'maximum' },
  ],
  ignoredColumns: [],
  sample: [],
  expiresAt: '2026-12-08T02:00:00.000Z',
}

describe('LabPage (实验室)', () => {
  it('imports results: the preview lists each row problem in Chinese, the import is asked first', async () => {
    const api = installFakeApi()
    api.route(LabRoutes.shipments, () => ({ items: [], total: 0, page: 1, pageSize: 50 }))
    api.route(ImportRoutes.preview, () => PREVIEW)
    api.route(ImportRoutes.confirm, () => ({
      previewId: PREVIEW.previewId,
      kind: 'lab-results',
      inserted: 1,
      skipped: 0,
      issues: [],
    }))
    renderPage(api, <LabPage />, { url: '/lab', path: '/lab', role: 'lab' })
    await find('lab-page')
    const input = (await find('lab-import')).querySelector('input[type=file]') as HTMLInputElement
    fireEvent.change(input, {
      target: { files: [new File(['条码,结果\n'], 'results.csv', { type: 'text/csv' })] },
    })
    expect((await find('lab-import-preview')).textContent).toContain('可导入 1 行，有问题 2 行')
    const issues = await find('lab-import-issues')
    expect(within(issues).getByText('这支采样管没有送到本实验室')).toBeTruthy()
    expect(api.requests.find((r) => r.path === '/api/imports/lab-results/preview')).toBeTruthy()
    expect(api.requests.some((r) => r.path.endsWith('/confirm'))).toBe(false)
    fireEvent.click(screen.getByTestId('lab-import-confirm'))
    await screen.findAllByText('导入检测结果？', {}, WAIT)
    fireEvent.click(screen.getAllByRole('button', { name: '确认导入' }).at(-1) as HTMLElement)
    expect((await find('lab-import-done')).textContent).toContain('已导入 1 管结果')
  })

  it('enters one result from an empty form; a positive asks first', async () => {
    const api = installFakeApi()
    api.route(LabRoutes.shipments, () => ({ items: [], total: 0, page: 1, pageSize: 50 }))
    api.route(LabRoutes.enterResult, ({ body }) => ({
      tube: {
        id: '9',
        barcode: body.barcode,
        regionCode: '110000',
        regionName: '北京市',
        campaignId: null,
        siteId: null,
        poolSize: 10,
        members: 10,
        status: 'resulted' as const,
        shipmentId: '3',
        registeredAt: '2026-12-08T01:00:00.000Z',
        result: body.result,
        ct: body.ct ?? null,
        resultedAt: body.resultedAt,
      },
      members: 10,
      alerted: body.result === 'positive',
    }))
    renderPage(api, <LabPage />, { url: '/lab', path: '/lab', role: 'lab' })
    const barcode = (await find('lab-enter-barcode')) as HTMLInputElement
    expect(barcode.value).toBe('')
    const result = screen.getByTestId('lab-enter-result')
    expect(
      within(result)
        .getAllByRole('radio')
        .some((r) => (r as HTMLInputElement).checked),
    ).toBe(false)
    fireEvent.change(barcode, { target: { value: 'LF0009' } })
    fireEvent.click(within(result).getByLabelText('阳性'))
    fireEvent.click(screen.getByTestId('lab-enter-submit'))
    await screen.findAllByText('录入阳性结果？', {}, WAIT)
    expect(api.requests.some((r) => r.path === '/api/lab/results')).toBe(false)
    fireEvent.click(screen.getAllByRole('button', { name: '录入结果' }).at(-1) as HTMLElement)
    expect((await find('lab-entered')).textContent).toContain('LF0009')
    await waitFor(() => {
      expect(api.requests.find((r) => r.path === '/api/lab/results')?.body).toMatchObject({
        barcode: 'LF0009',
        result: 'positive',
        ct: {},
      })
    }, WAIT)
  })
})
