import { beforeEach, describe, expect, it } from 'vitest'
import { screen } from '@testing-library/react'
import { PersonRoutes, type Household } from '@lianfang/contracts'
import { installFakeApi, type FakeApi } from '../../testing/fake-api'
import { renderPage } from '../../testing/render'
import HouseholdPage from './HouseholdPage'

const HOUSEHOLD: Household = {
  id: '5',
  regionCode: '110101001001',
  regionName: '东华门社区',
  address: '东华门大街 1 号',
  members: [],
}

/** Issue #16: a household shows its own region by name (not its first member's, nor a bare code). */
describe('HouseholdPage', () => {
  let api: FakeApi
  beforeEach(() => {
    api = installFakeApi()
  })

  it('names the household’s region, the code on hover, even with no members', async () => {
    api.route(PersonRoutes.getHousehold, () => HOUSEHOLD)
    renderPage(api, <HouseholdPage />, { url: '/households/5', path: '/households/:id' })
    const region = await screen.findByTestId('household-region')
    expect(region.textContent).toBe('东华门社区')
    expect(region.querySelector('[data-code]')?.getAttribute('data-code')).toBe('110101001001')
    expect(screen.getByTestId('household-address').textContent).toBe('东华门大街 1 号')
    expect(api.unhandled).toEqual([])
  })
})
