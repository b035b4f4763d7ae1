import { describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { DccRoutes, type DccSigner } from '@lianfang/contracts'
import { errorReply, installFakeApi, type FakeApi } from '../../testing/fake-api'
import { renderPage } from '../../testing/render'
import { expectParity } from '../../i18n/parity'
import zhCN from './dcc.zh-CN.json'
import en from './dcc.en.json'
import DccPage from './DccPage'
import { REFUSED, SIGNER, VALID } from './__fixtures__/dcc'

const WAIT = { timeout: 5000 }
const find = (testId: string) => screen.findByTestId(testId, {}, WAIT)
const QR = 'HC1:6BFOXN%TS3DH0YOJ58S S-W5HDC *M0II5XHC9B5G2+$N'

function serve(api: FakeApi, signers: DccSigner[] = [SIGNER]) {
  let list = [...signers]
  api.route(DccRoutes.verify, ({ body }) => (body.qr === QR ? VALID : REFUSED))
  api.route(DccRoutes.signers, () => list)
  api.route(DccRoutes.addSigner, ({ body }) =>
    body.pem.includes('BEGIN CERTIFICATE')
      ? { ...SIGNER, id: '12', label: body.label ?? 'new' }
      : errorReply(400, 'VALIDATION_FAILED', 'pem holds no X.509 certificate that can be read', {
          field: 'pem',
          keyword: 'certificate',
        }),
  )
  api.route(DccRoutes.removeSigner, ({ params }) => {
    list = list.filter((s) => s.id !== params.id)
    return list
  })
}

const verify = async (qr: string) => {
  fireEvent.change(await find('dcc-qr'), { target: { value: qr } })
  fireEvent.click(screen.getByTestId('dcc-verify'))
  return find('dcc-result')
}

describe('DccPage', () => {
  it('says what to do, then shows a valid certificate in green with the holder and the dose', async () => {
    const api = installFakeApi()
    serve(api)
    renderPage(api, <DccPage />, { url: '/dcc', path: '/dcc', role: 'checkpoint' })
    expect((await find('dcc-empty')).textContent).toContain('HC1:')
    expect(screen.getByTestId('dcc-verify').hasAttribute('disabled')).toBe(true)
    const card = await verify(QR)
    expect(within(card).getByTestId('dcc-result-status').textContent).toBe('证书有效')
    const text = card.textContent ?? ''
    for (const shown of [
      'Musterfrau Erika',
      '1964-08-12',
      '疫苗接种证书',
      '第 2 剂 / 共 2 剂',
      'Comirnaty（辉瑞/BioNTech）',
      '2021-05-29',
    ])
      expect(text).toContain(shown)
    expect(api.requests.find((r) => r.path === '/api/dcc/verify')?.body).toEqual({ qr: QR })
    // A checkpoint officer verifies; the trust list is not theirs.
    expect(screen.queryByTestId('dcc-signers')).toBeNull()
    expect(api.unhandled).toEqual([])
  })

  it('shows a refused certificate in red with the failed check in words', async () => {
    const api = installFakeApi()
    serve(api)
    renderPage(api, <DccPage />, { url: '/dcc', path: '/dcc', role: 'checkpoint' })
    const card = await verify('HC1:NOTSIGNED')
    expect(within(card).getByTestId('dcc-result-status').textContent).toBe('证书无效')
    expect(within(card).getByTestId('dcc-result-stage').textContent).toContain(zhCN.dcc.stages.signature)
    fireEvent.click(screen.getByTestId('dcc-clear'))
    expect(await find('dcc-empty')).toBeTruthy()
  })

  it('lets an admin add a signer from PEM (a refusal shown on the field) and remove one with a reason', async () => {
    const api = installFakeApi()
    serve(api)
    renderPage(api, <DccPage />, { url: '/dcc', path: '/dcc', role: 'admin' })
    const list = await find('dcc-signers')
    await waitFor(() => {
      expect(list.textContent).toContain('DSC 01 DE')
    }, WAIT)

    fireEvent.click(screen.getByTestId('dcc-signer-add'))
    fireEvent.change(await find('dcc-signer-pem'), { target: { value: 'not a certificate' } })
    fireEvent.click(screen.getByTestId('dcc-signer-add-modal-confirm'))
    expect(await screen.findByText('不是可读取的 X.509 证书（PEM 或 Base64 DER）', {}, WAIT)).toBeTruthy()
    fireEvent.change(screen.getByTestId('dcc-signer-pem'), {
      target: { value: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' },
    })
    fireEvent.change(screen.getByTestId('dcc-signer-label'), { target: { value: 'DSC 02 DE' } })
    fireEvent.click(screen.getByTestId('dcc-signer-add-modal-confirm'))
    await waitFor(() => {
      expect(api.requests.filter((r) => r.path === '/api/dcc/signers' && r.method === 'POST')).toHaveLength(2)
    }, WAIT)
    const adds = api.requests.filter((r) => r.path === '/api/dcc/signers' && r.method === 'POST')
    expect(adds.at(-1)?.body).toEqual({
      pem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
      label: 'DSC 02 DE',
    })

    fireEvent.click(await find(`dcc-signer-remove-${SIGNER.id}`))
    fireEvent.click(await find('dcc-signer-remove-modal-confirm'))
    expect(await screen.findByText(zhCN.dcc.signers.reasonRequired, {}, WAIT)).toBeTruthy()
    fireEvent.change(screen.getByTestId('dcc-signer-remove-modal-reason'), { target: { value: '密钥泄露' } })
    fireEvent.click(screen.getByTestId('dcc-signer-remove-modal-confirm'))
    fireEvent.click(await find('dcc-signer-remove-modal-confirm-danger'))
    await waitFor(() => {
      expect(list.textContent).not.toContain('DSC 01 DE')
    }, WAIT)
    const removal = api.requests.find((r) => r.path === `/api/dcc/signers/${SIGNER.id}/remove`)
    expect(removal?.body).toEqual({ reason: '密钥泄露' })
    expect(api.unhandled).toEqual([])
  })

  it('has every string in both languages', () => {
    expectParity(zhCN, en)
  })
})
