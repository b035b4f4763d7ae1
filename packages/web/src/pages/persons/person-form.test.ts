import { describe, expect, it } from 'vitest'
import type { PersonDetail } from '@lianfang/contracts'
import { editValuesOf, toCreateBody, toUpdateBody } from './person-form'

const person = {
  id: '42',
  name: '王小明',
  regionCode: '110101001',
  address: null,
  householdId: null,
  workplaceId: '7',
  workUnitId: '70',
  schoolId: null,
  classUnitId: null,
  version: 3,
} as unknown as PersonDetail

/** CC.SETTINGS 4: the unit is the contact group, so the form sends the employer and the unit. */
describe('the person form and work units', () => {
  it('a new person: the chosen employer and unit, nothing for what was left empty', () => {
    const body = toCreateBody({
      name: '李娜',
      idType: 'resident',
      idNumber: '110101198503071234',
      regionCode: '110101001',
      workplaceId: '7',
      workUnitId: '71',
      schoolId: null,
    })
    expect(body).toMatchObject({ workplaceId: '7', workUnitId: '71' })
    expect(body).not.toHaveProperty('schoolId')
    expect(body).not.toHaveProperty('classUnitId')
  })

  it('an edit sends only the unit fields that changed; a cleared one as null', () => {
    const values = editValuesOf(person)
    expect(values).toMatchObject({ workplaceId: '7', workUnitId: '70', schoolId: null })
    expect(toUpdateBody(person, values)).toEqual({ version: 3 })
    expect(toUpdateBody(person, { ...values, workUnitId: '72' })).toEqual({ version: 3, workUnitId: '72' })
    expect(toUpdateBody(person, { ...values, workplaceId: null, workUnitId: null })).toEqual({
      version: 3,
      workplaceId: null,
      workUnitId: null,
    })
  })
})
