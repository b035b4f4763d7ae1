import { beforeEach, describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { CaseRoutes, type ContactInput, type ContactOutcome } from '@lianfang/contracts'
import { installFakeApi, type FakeApi } from '../../testing/fake-api'
import { renderPage } from '../../testing/render'
import { InvestigationPanel } from './InvestigationPanel'
import { GENERAL, GENERAL_SUMMARY, INVESTIGATION } from './__fixtures__/investigation'

/** The investigation routes of case 7; a confirmation answers per person, routing Wuhan's. */
function serve(api: FakeApi) {
  const confirmed: ContactInput[][] = []
  api.route(CaseRoutes.investigation, () => INVESTIGATION)
  api.route(CaseRoutes.generalContactsSummary, () => GENERAL_SUMMARY)
  api.route(CaseRoutes.generalContacts, () => ({
    caseId: '7',
    venueId: null,
    total: 1,
    offset: 0,
    limit: 20,
    items: [GENERAL],
  }))
  api.route(CaseRoutes.confirmContacts, ({ body }) => {
    confirmed.push(body.contacts)
    return body.contacts.map((c, i): ContactOutcome => ({
      personId: c.personId,
      status: c.personId === '103' ? 'routed' : 'confirmed',
      contactId: String(600 + i),
      quarantineOrderId: c.personId === '103' ? null : String(700 + i),
      assistRequestId: c.personId === '103' ? '800' : null,
      routedTo: c.personId === '103' ? '420102' : null,
      error: null,
    }))
  })
  return confirmed
}

const candidateRows = () =>
  within(screen.getByTestId('investigation-candidates')).queryAllByRole('row').slice(1)
const rowOf = (name: string) => {
  const row = candidateRows().find((r) => r.textContent.includes(name))
  if (row === undefined) throw new Error(`no candidate ${name}`)
  return row
}
const tick = (name: string) => {
  fireEvent.click(within(rowOf(name)).getByRole('checkbox'))
}

describe('InvestigationPanel', () => {
  let api: FakeApi
  beforeEach(() => {
    api = installFakeApi()
  })

  it('confirms the selected candidates in one request and shows each answer', async () => {
    const confirmed = serve(api)
    renderPage(api, <InvestigationPanel caseId="7" />, { url: '/cases/7', path: '/cases/:id' })
    await waitFor(() => {
      expect(candidateRows()).toHaveLength(3)
    })
    expect(screen.getByTestId('investigation-timeline').textContent).toContain('老北京饭馆')
    const confirm = screen.getByTestId('investigation-confirm')
    expect(confirm).toHaveProperty('disabled', true)

    tick('王小明')
    tick('张*')
    await screen.findByText('已选 2 人')
    expect(confirm).toHaveProperty('disabled', false)
    fireEvent.click(confirm)
    // Confirming turns codes red: asked first, saying who is isolated and who is routed.
    expect((await screen.findAllByText('确认这 2 人为密切接触者？')).length).toBeGreaterThan(0)
    expect(confirmed).toEqual([])
    expect(screen.getAllByText(/本辖区 1 人将立即开具集中隔离令/).length).toBeGreaterThan(0)
    fireEvent.click(screen.getByTestId('contacts-confirm-ok'))

    const outcomes = await screen.findByTestId('contact-outcomes')
    expect(confirmed).toEqual([
      [
        {
          personId: '101',
          degree: 'close',
          lastExposureAt: INVESTIGATION.candidates[0]?.lastExposureAt,
          reasons: INVESTIGATION.candidates[0]?.reasons,
        },
        {
          personId: '103',
          degree: 'close',
          lastExposureAt: INVESTIGATION.candidates[2]?.lastExposureAt,
          reasons: INVESTIGATION.candidates[2]?.reasons,
        },
      ],
    ])
    expect(within(outcomes).getByTestId('outcome-101').textContent).toContain('集中隔离令 700')
    expect(within(outcomes).getByTestId('outcome-103').textContent).toContain('协查已发往 420102')
    // The selection is spent: nothing stays selected for a second, accidental confirmation.
    await screen.findByText('已选 0 人')
    expect(confirm).toHaveProperty('disabled', true)
  })

  it('groups candidates by rule and does not offer those already under control', async () => {
    serve(api)
    renderPage(api, <InvestigationPanel caseId="7" />, { url: '/cases/7', path: '/cases/:id' })
    await waitFor(() => {
      expect(candidateRows()).toHaveLength(3)
    })
    const groups = screen.getByTestId('investigation-groups')
    expect(groups.textContent).toContain('全部 3')
    fireEvent.click(within(groups).getByText('同住 1'))
    await waitFor(() => {
      expect(candidateRows()).toHaveLength(1)
    })
    expect(screen.getByTestId('control-102').textContent).toContain('隔离中')
    expect(within(rowOf('李娜')).getByRole('checkbox')).toHaveProperty('disabled', true)
    fireEvent.click(within(groups).getByText('场所时空交集 2'))
    await waitFor(() => {
      expect(candidateRows()).toHaveLength(2)
    })
    expect(within(rowOf('王小明')).getByRole('checkbox')).toHaveProperty('disabled', false)
  })

  it('takes a general contact into the candidates, first and selected, to be confirmed with them', async () => {
    const confirmed = serve(api)
    renderPage(api, <InvestigationPanel caseId="7" />, { url: '/cases/7', path: '/cases/:id' })
    await waitFor(() => {
      expect(screen.getByTestId('investigation-tab-general').textContent).toContain('1')
    })
    fireEvent.click(screen.getByTestId('investigation-tab-general'))
    const general = await screen.findByTestId('general-contacts-table')
    await waitFor(() => {
      expect(within(general).queryAllByRole('row').slice(1)).toHaveLength(1)
    })
    fireEvent.click(within(within(general).getAllByRole('row')[1]!).getByRole('checkbox'))
    fireEvent.click(screen.getByTestId('general-take'))

    await waitFor(() => {
      expect(candidateRows()).toHaveLength(4)
    })
    expect(candidateRows()[0]?.textContent).toContain('赵强')
    expect(candidateRows()[0]?.textContent).toContain('来自一般接触者')
    await screen.findByText('已选 1 人')

    fireEvent.click(screen.getByTestId('investigation-confirm'))
    fireEvent.click(await screen.findByTestId('contacts-confirm-ok'))
    await screen.findByTestId('outcome-201')
    expect(confirmed[0]?.map((c) => [c.personId, c.degree])).toEqual([['201', 'close']])
  })
})
