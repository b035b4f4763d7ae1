import { describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor } from '@testing-library/react'
import type { ImportPreview, ImportResult, RegionNode } from '@lianfang/contracts'
import { errorReply, installFakeApi, type FakeApi } from '../../testing/fake-api'
import { renderPage } from '../../testing/render'
import zhCN from '../../i18n/imports.zh-CN.json'
import ImportPage from './ImportPage'

const TREE: RegionNode = { code: '110000', name: '北京市', level: 'province', synthetic: false, children: [] }
const CSV = '姓名,身份证号码\n张三,110101199003071234\n张三,110101199003071234\n'

const PREVIEW: ImportPreview = {
  previewId: '9b2f3c1e-8a4d-4f6b-9c0d-1e2f3a4b5c6d',
  kind: 'persons',
  filename: '花名册.csv',
  format: 'csv',
  digest: 'ab'.repeat(32),
  rowCount: 2,
  validCount: 1,
  issueCount: 1,
  issues: [{ row: 3, column: '身份证号码', code: 'duplicateInFile', detail: '2' }],
  ignoredColumns: [],
  sample: [{ row: 2, values: { name: '张三', idNumber: '110101199003071234' } }],
  expiresAt: '2026-12-07T09:00:00.000Z',
}

function serve(api: FakeApi, preview: () => unknown = () => PREVIEW) {
  api.on('GET', '/api/regions/tree', () => TREE)
  api.on('POST', '/api/imports/:kind/preview', preview)
  api.on('POST', '/api/imports/:id/confirm', (): ImportResult => ({
    previewId: PREVIEW.previewId,
    kind: 'persons',
    inserted: 1,
    skipped: 0,
    issues: [],
  }))
}

const WAIT = { timeout: 5000 }

async function upload(text: string) {
  const input = document.querySelector('input[type=file]')
  if (!input) throw new Error('no file input')
  fireEvent.change(input, { target: { files: [new File([text], '花名册.csv', { type: 'text/csv' })] } })
  await waitFor(() => {
    expect(screen.getByTestId('import-preview').hasAttribute('disabled')).toBe(false)
  }, WAIT)
  fireEvent.click(screen.getByTestId('import-preview'))
}

describe('ImportPage', () => {
  it('uploads the file as base64, shows row problems in Chinese, asks before importing, and shows the result', async () => {
    const api = installFakeApi()
    serve(api)
    renderPage(api, <ImportPage />, { url: '/imports/persons', path: '/imports/:kind' })
    await screen.findByTestId('import-page', {}, WAIT)
    await upload(CSV)
    expect(await screen.findByText('与文件中前面的行（第 2 行）证件号重复', {}, WAIT)).toBeTruthy()
    const [post] = api.requests.filter((r) => r.method === 'POST')
    expect(post?.path).toBe('/api/imports/persons/preview')
    const body = post?.body as { filename: string; contentBase64: string }
    expect(body.filename).toBe('花名册.csv')
    expect(new TextDecoder().decode(Uint8Array.from(atob(body.contentBase64), (c) => c.charCodeAt(0)))).toBe(
      CSV,
    )

    fireEvent.click(screen.getByTestId('import-confirm'))
    expect((await screen.findAllByText(zhCN.imports.confirmTitle, {}, WAIT)).length).toBeGreaterThan(0)
    expect(api.requests.filter((r) => r.path.endsWith('/confirm'))).toEqual([])
    // antd spaces a two-character Chinese button label: 导 入
    fireEvent.click(screen.getByRole('button', { name: /^导 ?入$/ }))
    expect((await screen.findByTestId('import-done', {}, WAIT)).textContent).toContain('已导入 1 人。')
    expect(api.requests.filter((r) => r.path.endsWith('/confirm')).map((r) => r.path)).toEqual([
      `/api/imports/${PREVIEW.previewId}/confirm`,
    ])
    expect(api.unhandled).toEqual([])
  })

  it('says in Chinese why a file is refused', async () => {
    const api = installFakeApi()
    serve(api, () => errorReply(415, 'UNSUPPORTED_MEDIA_TYPE', 'not UTF-8', { encoding: 'not-utf-8' }))
    renderPage(api, <ImportPage />, { url: '/imports/persons', path: '/imports/:kind' })
    await screen.findByTestId('import-page', {}, WAIT)
    await upload('x')
    expect((await screen.findByTestId('import-file-error', {}, WAIT)).textContent).toContain(
      zhCN.imports.fileError.notUtf8,
    )
  })
})
