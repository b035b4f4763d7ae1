import { describe, expect, it } from 'vitest'
import { screen, waitFor } from '@testing-library/react'
import type { PersonDetail } from '@lianfang/contracts'
import { installFakeApi } from '../../testing/fake-api'
import { renderPage } from '../../testing/render'
import { PersonMemberships } from './PersonMemberships'

const person: PersonDetail = {
  id: '5',
  name: '王小明',
  sex: 'male',
  birthDate: '1985-03-07',
  phoneMasked: null,
  idType: 'resident',
  idNumberMasked: '110101********0005',
  regionCode: '110101001',
  regionName: '东华门街道',
  householdId: null,
  address: null,
  household: null,
  workplaceId: '31',
  workplaceName: '汉阳汽车厂',
  workUnitId: '90',
  workUnitName: '总装二班',
  schoolId: '40',
  schoolName: '实验小学',
  classUnitId: null,
  classUnitName: null,
  version: 1,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
}

describe('PersonMemberships (CC.SETTINGS 4)', () => {
  it('shows employer and unit by name, and says a school without a class gives no class contacts', async () => {
    const api = installFakeApi()
    renderPage(api, <PersonMemberships person={person} />, { url: '/persons/5', path: '/persons/:id' })
    await waitFor(() => {
      expect(screen.getByTestId('person-memberships')).toBeTruthy()
    })
    const text = screen.getByTestId('person-memberships').textContent
    for (const s of ['汉阳汽车厂', '总装二班', '实验小学', '未登记']) expect(text).toContain(s)
  })
})
