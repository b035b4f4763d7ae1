import { beforeEach, describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import type { AuditPage as AuditRecordPage, AuditVerifyResult } from '@lianfang/contracts'
import { installFakeApi, type FakeApi } from '../../testing/fake-api'
import { currentUrl, renderPage } from '../../testing/render'
import AuditPage from './AuditPage'
import { AUDIT_RECORDS } from './__fixtures__/audit'

function serve(api: FakeApi, verify: AuditVerifyResult) {
  api.on('GET', '/api/audit', ({ query }): AuditRecordPage => {
    const type = query.get('targetType')
    const id = query.get('targetId')
    const page = Number(query.get('page') ?? '1')
    const pageSize = Number(query.get('pageSize') ?? '20')
    const items = AUDIT_RECORDS.filter(
      (r) => (type === null || r.targetType === type) && (id === null || r.targetId === id),
    )
    return { items: items.slice((page - 1) * pageSize, page * pageSize), total: items.length, page, pageSize }
  })
  api.on('GET', '/api/audit/verify', () => verify)
}

const rows = () => within(screen.getByTestId('audit-table')).queryAllByRole('row').slice(1)

describe('AuditPage', () => {
  let api: FakeApi
  beforeEach(() => {
    api = installFakeApi()
  })

  it('filters by target through the URL and lists what the server returns', async () => {
    serve(api, { ok: true, checked: 4, brokenAt: null, problem: null, broken: [], brokenCount: 0 })
    renderPage(api, <AuditPage />, { url: '/audit', path: '/audit' })
    await waitFor(() => {
      expect(rows()).toHaveLength(4)
    })
    fireEvent.change(screen.getByPlaceholderText('对象类型，如 person'), { target: { value: ' person ' } })
    fireEvent.change(screen.getByPlaceholderText('对象编号'), { target: { value: '12' } })
    fireEvent.click(screen.getByRole('button', { name: /筛\s*选/ }))
    await waitFor(() => {
      expect(rows()).toHaveLength(2)
    })
    expect(Object.fromEntries(currentUrl().searchParams)).toEqual({
      targetType: 'person',
      targetId: '12',
    })
    expect(rows()[0]?.textContent).toContain('核对身份证件')
  })

  it('checks the chain and names every broken record', async () => {
    serve(api, {
      ok: false,
      checked: 4,
      brokenAt: '2',
      problem: 'edited',
      broken: [
        { id: '2', problem: 'edited' },
        { id: '3', problem: 'link' },
      ],
      brokenCount: 2,
    })
    renderPage(api, <AuditPage />, { url: '/audit?targetType=node', path: '/audit' })
    await waitFor(() => {
      expect(rows()).toHaveLength(1)
    })
    fireEvent.click(screen.getByTestId('audit-verify'))
    const result = await screen.findByTestId('audit-verify-result')
    const items = within(result)
      .getAllByRole('listitem')
      .map((li) => li.textContent)
    expect(items).toHaveLength(2)
    expect(items[0]).toContain('记录 #2：内容与其哈希不符')
    expect(items[1]).toContain('记录 #3：与上一条记录的链接断开')
  })
})
