import { IdParams } from '../common.schema.js'
import {
  CreateHouseholdBody,
  CreatePersonBody,
  Household,
  PersonDetail,
  PersonPage,
  PersonSearchQuery,
  UnmaskBody,
  UnmaskedIdentity,
  UpdatePersonBody,
  VerifyPhoneBody,
} from '../persons.schema.js'
import { CreateWorkUnitBody, WorkUnit, WorkUnitList } from '../work-units.schema.js'
import { defineRoute } from './route-contract.js'

const tags = ['persons']

/** Persons (identity numbers masked; unmasking is its own audited route) and households. */
export const PersonRoutes = {
  search: defineRoute({
    method: 'GET',
    path: '/api/persons',
    summary: 'Search persons in your region',
    query: PersonSearchQuery,
    response: { 200: PersonPage },
    access: { permission: 'person:read' },
    tags,
  }),
  get: defineRoute({
    method: 'GET',
    path: '/api/persons/:id',
    summary: 'One person (identity number masked)',
    params: IdParams,
    response: { 200: PersonDetail },
    access: { permission: 'person:read' },
    tags,
  }),
  create: defineRoute({
    method: 'POST',
    path: '/api/persons',
    summary: 'Register a person',
    body: CreatePersonBody,
    response: { 201: PersonDetail },
    access: { permission: 'person:write' },
    tags,
  }),
  update: defineRoute({
    method: 'PATCH',
    path: '/api/persons/:id',
    summary: 'Change a person (optimistic: send the version you read)',
    params: IdParams,
    body: UpdatePersonBody,
    response: { 200: PersonDetail },
    access: { permission: 'person:write' },
    tags,
  }),
  verifyPhone: defineRoute({
    method: 'POST',
    path: '/api/persons/:id/verified-phone',
    summary: 'Set the phone a person controls, after checking their identity (audited, with a reason)',
    description:
      'The staff-verified step of citizen registration: a citizen account binds to a person record only ' +
      'from the phone on it. An account bound earlier from another phone is disabled when the person registers.',
    params: IdParams,
    body: VerifyPhoneBody,
    response: { 200: PersonDetail },
    access: { permission: 'person:write' },
    tags,
  }),
  unmask: defineRoute({
    method: 'POST',
    path: '/api/persons/:id/unmask',
    summary: 'Show the full identity number (audited, with a reason)',
    params: IdParams,
    body: UnmaskBody,
    response: { 200: UnmaskedIdentity },
    access: { permission: 'person:unmask' },
    tags,
  }),
  mine: defineRoute({
    method: 'GET',
    path: '/api/me/person',
    summary: "The signed-in citizen's own record",
    response: { 200: PersonDetail },
    access: { authenticated: true },
    tags,
  }),
  createHousehold: defineRoute({
    method: 'POST',
    path: '/api/households',
    body: CreateHouseholdBody,
    response: { 201: Household },
    access: { permission: 'person:write' },
    tags: ['households'],
  }),
  getHousehold: defineRoute({
    method: 'GET',
    path: '/api/households/:id',
    params: IdParams,
    response: { 200: Household },
    access: { permission: 'person:read' },
    tags: ['households'],
  }),
  listUnits: defineRoute({
    method: 'GET',
    path: '/api/venues/:id/units',
    summary: 'The work units or classes of an employer or school (CC.SETTINGS 4), by name',
    params: IdParams,
    response: { 200: WorkUnitList },
    access: { permission: 'venue:read' },
    tags: ['venues'],
  }),
  createUnit: defineRoute({
    method: 'POST',
    path: '/api/venues/:id/units',
    summary: 'Add a work unit (office, workshop, team) or class to an employer or school',
    params: IdParams,
    body: CreateWorkUnitBody,
    response: { 201: WorkUnit },
    access: { permission: 'venue:manage' },
    tags: ['venues'],
  }),
} as const
