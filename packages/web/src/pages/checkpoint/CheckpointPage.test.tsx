import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import type { ScanItem, ScanOutcome, Venue } from '@lianfang/contracts'
import * as kvStore from '../../checkpoint/kv-store'
import { createMemoryScanQueueStore, type ScanQueueStore } from '../../checkpoint/scan-queue'
import { installFakeApi, type FakeApi } from '../../testing/fake-api'
import { renderPage } from '../../testing/render'
import { federation, REVOKED_INDEX, type Federation } from './__fixtures__/signed-lists'
import CheckpointPage from './CheckpointPage'

// The device's stores (IndexedDB in the browser) in memory, fresh for each test.
const device: { kv?: kvStore.KvStore; queue?: ScanQueueStore } = vi.hoisted(() => ({}))
vi.mock('../../checkpoint/kv-store', async (importOriginal) => ({
  ...(await importOriginal<typeof kvStore>()),
  browserKvStore: async () => device.kv,
}))
vi.mock('../../checkpoint/scan-queue-store', () => ({ browserScanQueue: async () => device.queue }))

const MARKET: Venue = {
  id: '31',
  regionCode: '110101001',
  regionName: '东华门街道',
  kind: 'market',
  name: '东华门菜市场',
  capacity: 300,
  address: null,
  active: true,
  managerUserId: null,
  enclosed: null,
}

let fed: Federation
beforeAll(async () => {
  fed = await federation()
})

/** A refusal as the server words it: the venue was closed meanwhile. */
const refusal = (clientScanId: string): ScanOutcome => ({
  clientScanId,
  status: 'rejected',
  decision: null,
  reason: null,
  reasonText: null,
  colour: null,
  maskedName: null,
  resident: null,
  error: { code: 'VENUE_INACTIVE', message: '场所已停用' },
})

/**
 * The list routes, the venues and the check-in batch: the server accepts every scan (a proxy
 * scan's decision "allow"), or with `refuse` rejects them.
 */
function serve(api: FakeApi, { refuse = false } = {}) {
  const batches: ScanItem[][] = []
  api.on('GET', '/api/trust-list/root', () => fed.root)
  api.on('GET', '/api/trust-list', () => fed.trustList)
  api.on('GET', '/api/status-list', () => fed.statusList)
  api.on('GET', '/api/venues', () => ({ items: [MARKET], total: 1, page: 1, pageSize: 50 }))
  api.on('POST', '/api/checkins/batch', ({ body }) => {
    const scans = (body as { scans: ScanItem[] }).scans
    batches.push(scans)
    if (refuse)
      return {
        accepted: 0,
        duplicates: 0,
        rejected: scans.length,
        outcomes: scans.map((s) => refusal(s.clientScanId)),
      }
    const outcomes = scans.map((s): ScanOutcome => ({
      clientScanId: s.clientScanId,
      status: 'accepted',
      decision: 'allow',
      reason: null,
      reasonText: null,
      colour: 'green',
      maskedName: s.method === 'proxy' ? '李*' : '张*明',
      resident: true,
      error: null,
    }))
    return { accepted: scans.length, duplicates: 0, rejected: 0, outcomes }
  })
  return batches
}

async function openPage(api: FakeApi) {
  renderPage(api, <CheckpointPage />, { url: '/checkpoint', path: '/checkpoint', role: 'checkpoint' })
  await waitFor(() => {
    expect(screen.getByTestId('checkpoint-page').getAttribute('data-lists-ready')).toBe('yes')
  })
}

async function present(code: string) {
  fireEvent.change(screen.getByTestId('code-input'), { target: { value: `  ${code}\n` } })
  fireEvent.click(screen.getByTestId('code-verify'))
  return screen.findByTestId('verdict')
}

function next() {
  fireEvent.click(screen.getByTestId('verdict-next'))
}

async function chooseGate() {
  fireEvent.mouseDown(within(screen.getByTestId('gate-venue')).getByRole('combobox'))
  fireEvent.click(await screen.findByTitle('东华门菜市场'))
  await waitFor(() => {
    expect(screen.queryByTestId('gate-missing')).toBeNull()
  })
}

describe('CheckpointPage', () => {
  let api: FakeApi
  beforeEach(() => {
    device.kv = kvStore.createMemoryKvStore()
    device.queue = createMemoryScanQueueStore()
    window.localStorage.clear()
    api = installFakeApi()
  })

  it('verifies codes on the device against the signed lists, and counts the decisions', async () => {
    const batches = serve(api)
    await openPage(api)
    expect(screen.getByTestId('lists-info').textContent).toContain('信任列表 v1')
    // No gate chosen: codes are verified, nothing is recorded.
    expect(screen.getByTestId('gate-missing')).toBeDefined()

    const green = await present(await fed.code())
    expect(within(green).getByTestId('verdict-word').textContent).toBe('通行')
    expect(within(green).getByTestId('verdict-name').textContent).toBe('张*明')
    next()

    const red = await present(await fed.code({ colour: 'red' }))
    expect(within(red).getByTestId('verdict-word').textContent).toBe('禁止通行')
    expect(within(red).getByTestId('verdict-reason').textContent).toBe('红码，不予通行')
    next()

    const revoked = await present(await fed.code({ statusIndex: REVOKED_INDEX }))
    expect(within(revoked).getByTestId('verdict-word').textContent).toBe('禁止通行')
    expect(within(revoked).queryByTestId('verdict-invalid')).not.toBeNull()
    next()

    expect(screen.getByTestId('count-allowed').textContent).toContain('1')
    expect(screen.getByTestId('count-denied').textContent).toContain('2')
    expect(batches).toEqual([])
  })

  it('records scans at the chosen gate: each decided here is queued and sent to the server', async () => {
    const batches = serve(api)
    await openPage(api)
    await chooseGate()
    const code = await fed.code()
    await present(code)
    next()
    await waitFor(() => {
      expect(batches.flat()).toHaveLength(1)
    })
    expect(batches.flat()[0]).toMatchObject({
      venueId: '31',
      method: 'gate_scan',
      direction: 'in',
      code,
    })
    await waitFor(() => {
      expect(screen.getByTestId('queue-pending').getAttribute('data-count')).toBe('0')
    })

    // Leaving: the direction goes with the next scan.
    fireEvent.click(within(screen.getByTestId('gate-direction')).getByText('离开'))
    await present(await fed.code())
    next()
    await waitFor(() => {
      expect(batches.flat()).toHaveLength(2)
    })
    expect(batches.flat()[1]).toMatchObject({ venueId: '31', direction: 'out' })
  })

  it('records a person without a phone by ID number and shows the server decision', async () => {
    const batches = serve(api)
    await openPage(api)
    expect(screen.getByTestId('proxy-submit')).toHaveProperty('disabled', true)
    await chooseGate()
    fireEvent.change(screen.getByTestId('proxy-id-number'), { target: { value: '110101199003077777' } })
    fireEvent.click(screen.getByTestId('proxy-submit'))

    const result = await screen.findByTestId('proxy-result')
    expect(result.getAttribute('data-decision')).toBe('allow')
    expect(result.textContent).toContain('李*')
    expect(batches.flat()[0]).toMatchObject({
      venueId: '31',
      method: 'proxy',
      idType: 'resident',
      idNumber: '110101199003077777',
    })
    fireEvent.click(screen.getByTestId('proxy-result-close'))
    await screen.findByTestId('proxy-card')
  })

  it('lists the scans the server refused, with why, until cleared', async () => {
    serve(api, { refuse: true })
    await openPage(api)
    await chooseGate()
    await present(await fed.code())
    next()
    const rejected = await screen.findByTestId('rejected-list')
    expect(rejected.textContent).toContain('被拒绝的登记（1）')
    expect(rejected.textContent).toContain('场所已停用')
    await waitFor(() => {
      expect(screen.getByTestId('queue-pending').getAttribute('data-count')).toBe('0')
    })
    fireEvent.click(screen.getByTestId('rejected-clear'))
    await waitFor(() => {
      expect(screen.queryByTestId('rejected-list')).toBeNull()
    })
  })
})
