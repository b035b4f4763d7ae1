import { beforeEach, describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor } from '@testing-library/react'
import {
  CaseRoutes,
  DeclarationRoutes,
  type CaseRecord,
  type DischargeCheck,
  type FactCreated,
} from '@lianfang/contracts'
import { installFakeApi, type FakeApi } from '../../testing/fake-api'
import { renderPage } from '../../testing/render'
import { DischargePanel } from './DischargePanel'

const CASE: CaseRecord = {
  id: '7',
  personId: '42',
  personName: '张三',
  regionCode: '420102001001',
  status: 'confirmed',
  severity: 'mild',
  origin: 'local',
  onsetAt: '2026-10-20T02:00:00.000Z',
  firstPositiveSampleAt: '2026-10-21T02:00:00.000Z',
  isolatedAt: null,
  isolationPlace: null,
  outcome: null,
  outcomeAt: null,
  diagnosedAt: null,
  reportedAt: '2026-10-21T03:00:00.000Z',
  investigationCompletedAt: null,
  deadlines: {
    report: { dueAt: '2026-10-21T05:00:00.000Z', doneAt: '2026-10-21T03:00:00.000Z', overdue: false },
    investigation: { dueAt: '2026-10-22T03:00:00.000Z', doneAt: null, overdue: true },
  },
  version: 3,
  history: [],
}

/** CONF.DISCHARGE, ZL8: positive after more than 4 weeks (29.1), a reading missing on one of 4 days. */
const CHECK: DischargeCheck = {
  met: false,
  criteria: [
    {
      id: 'AFEBRILE',
      met: false,
      variant: 'missingDays',
      params: { days: 4, afebrileDaysGt: 3, thresholdC: 37.3, covered: 3 },
      detail: 'needs normal temperatures recorded on each of the last 4 days',
    },
    { id: 'SYMPTOMS_IMPROVED', met: false, variant: 'unattested', params: {}, detail: '…' },
    { id: 'IMAGING_IMPROVED', met: false, variant: 'unattested', params: {}, detail: '…' },
    {
      id: 'PERSISTENT_POSITIVE_ASSESSED',
      met: false,
      variant: 'unattested',
      params: { weeks: 4, sinceWeeks: 4.1 },
      detail: 'NAT still positive after more than 4 weeks',
    },
  ],
  missing: [],
  temperatures: [
    { at: '2026-11-19T01:00:00.000Z', celsius: 36.6 },
    { at: '2026-11-18T01:00:00.000Z', celsius: 36.9 },
  ],
  antibodies: [],
}

describe('DischargePanel', () => {
  let api: FakeApi
  let check: DischargeCheck
  beforeEach(() => {
    api = installFakeApi()
    check = CHECK
    api.route(CaseRoutes.dischargeCheck, () => check)
  })
  const render = () => {
    renderPage(api, <DischargePanel c={CASE} canWrite />, {
      url: '/cases/7',
      path: '/cases/:id',
      role: 'epidemiologist',
    })
  }

  it('words each criterion from its variant and params, and shows the readings it uses', async () => {
    render()
    await screen.findByTestId('criterion-AFEBRILE')
    expect(screen.getByTestId('criterion-AFEBRILE').textContent).toContain(
      '需最近 4 天每天都有正常体温记录（体温正常超过 3 天），目前有 3 天有记录',
    )
    expect(screen.getByTestId('criterion-PERSISTENT_POSITIVE_ASSESSED').textContent).toContain('4.1 周')
    const readings = screen.getByTestId('discharge-temperatures')
    expect(readings.textContent).toContain('近 4 天体温记录')
    expect(readings.textContent).toContain('36.9 °C')
  })

  it('records a temperature as a staff declaration from an empty form, then re-reads the check', async () => {
    const declared: unknown[] = []
    api.route(DeclarationRoutes.health, ({ body }): FactCreated => {
      declared.push(body)
      return { id: '900', personId: '42', colour: 'red', ruleSetVersion: 'FK8' }
    })
    render()
    fireEvent.click(await screen.findByTestId('discharge-record-temperature'))
    const input = await screen.findByTestId('discharge-temperature-celsius')
    expect((input as HTMLInputElement).value).toBe('')
    const checksBefore = api.requests.filter((r) => r.path.endsWith('/discharge-check')).length
    check = {
      ...CHECK,
      temperatures: [{ at: '2026-11-20T01:00:00.000Z', celsius: 36.8 }, ...CHECK.temperatures],
    }
    fireEvent.change(input, { target: { value: '36.8' } })
    fireEvent.click(screen.getByTestId('discharge-record-temperature-ok'))
    await waitFor(() => {
      expect(declared).toEqual([
        { personId: '42', temperatureC: 36.8, declaredAt: expect.any(String), symptoms: [] },
      ])
    })
    // Taken now unless the staff say otherwise (a reading copied later from a ward's chart).
    await waitFor(() => {
      const at = (declared[0] as { declaredAt?: string } | undefined)?.declaredAt ?? ''
      expect(Math.abs(new Date(at).getTime() - Date.now())).toBeLessThan(120_000)
    })
    await waitFor(() => {
      expect(api.requests.filter((r) => r.path.endsWith('/discharge-check')).length).toBeGreaterThan(
        checksBefore,
      )
    })
    await waitFor(() => {
      expect(screen.getByTestId('discharge-temperatures').textContent).toContain('36.8 °C')
    })
  })

  it('asks for the infectiousness attestation only when the > 4-week path applies, and sends it', async () => {
    const sent: unknown[] = []
    api.route(CaseRoutes.discharge, ({ body }): CaseRecord => {
      sent.push(body)
      return { ...CASE, outcome: 'discharged', version: 4 }
    })
    render()
    await screen.findByTestId('criterion-PERSISTENT_POSITIVE_ASSESSED')
    fireEvent.click(screen.getByTestId('discharge-open'))
    fireEvent.click(await screen.findByTestId('discharge-symptoms'))
    fireEvent.click(screen.getByTestId('discharge-imaging'))
    fireEvent.click(screen.getByTestId('discharge-infectivity'))
    fireEvent.click(screen.getByTestId('discharge-ok'))
    await waitFor(() => {
      expect(sent).toEqual([
        { version: 3, symptomsImproved: true, imagingImproved: true, infectivityAssessed: true },
      ])
    })
  })

  it('no infectiousness checkbox on the ordinary path (two negatives)', async () => {
    check = {
      ...CHECK,
      criteria: CHECK.criteria.map((c) =>
        c.id === 'PERSISTENT_POSITIVE_ASSESSED'
          ? {
              id: 'NAT_NEGATIVE_TWICE',
              met: false,
              variant: 'gapTooShort',
              params: { need: 2, gapHours: 24, apartHours: 23 },
              detail: '…',
            }
          : c,
      ),
    }
    render()
    await screen.findByTestId('criterion-NAT_NEGATIVE_TWICE')
    expect(screen.getByTestId('criterion-NAT_NEGATIVE_TWICE').textContent).toContain('仅间隔 23 小时')
    fireEvent.click(screen.getByTestId('discharge-open'))
    await screen.findByTestId('discharge-symptoms')
    expect(screen.queryByTestId('discharge-infectivity')).toBeNull()
  })
})
