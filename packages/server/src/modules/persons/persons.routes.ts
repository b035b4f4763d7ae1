import {
  CreateHouseholdBody,
  CreatePersonBody,
  Household,
  IdParams,
  PersonDetail,
  PersonPage,
  PersonSearchQuery,
  UnmaskBody,
  UnmaskedIdentity,
  UpdatePersonBody,
  VerifyPhoneBody,
} from '@lianfang/contracts'
import { ERRORS, userOf, scopeOfRequest, type RoutePlugin } from '../../http/route-kit.js'
import type { PersonsService } from './persons.service.js'

export const personsRoutes: RoutePlugin<{ persons: PersonsService }> = async (app, { persons }) => {
  const tags = ['persons']

  app.get(
    '/api/persons',
    {
      config: { access: { permission: 'person:read' } },
      schema: {
        tags,
        summary: 'Search persons in your region',
        querystring: PersonSearchQuery,
        response: { 200: PersonPage, ...ERRORS },
      },
    },
    (req) => persons.search(userOf(req), scopeOfRequest(req), req.query),
  )

  app.get(
    '/api/persons/:id',
    {
      config: { access: { permission: 'person:read' } },
      schema: {
        tags,
        summary: 'One person (identity number masked)',
        params: IdParams,
        response: { 200: PersonDetail, ...ERRORS },
      },
    },
    (req) => persons.get(userOf(req), scopeOfRequest(req), req.params.id),
  )

  app.post(
    '/api/persons',
    {
      config: { access: { permission: 'person:write' } },
      schema: {
        tags,
        summary: 'Register a person',
        body: CreatePersonBody,
        response: { 201: PersonDetail, ...ERRORS },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await persons.create(userOf(req), scopeOfRequest(req), req.body)),
  )

  app.patch(
    '/api/persons/:id',
    {
      config: { access: { permission: 'person:write' } },
      schema: {
        tags,
        summary: 'Change a person (optimistic: send the version you read)',
        params: IdParams,
        body: UpdatePersonBody,
        response: { 200: PersonDetail, ...ERRORS },
      },
    },
    (req) => persons.update(userOf(req), scopeOfRequest(req), req.params.id, req.body),
  )

  app.post(
    '/api/persons/:id/verified-phone',
    {
      config: { access: { permission: 'person:write' } },
      schema: {
        tags,
        summary: 'Set the phone a person controls, after checking their identity (audited, with a reason)',
        description:
          'The staff-verified step of citizen registration: a citizen account binds to a person record only ' +
          'from the phone on it. An account bound earlier from another phone is disabled when the person registers.',
        params: IdParams,
        body: VerifyPhoneBody,
        response: { 200: PersonDetail, ...ERRORS },
      },
    },
    (req) => persons.verifyPhone(userOf(req), scopeOfRequest(req), req.params.id, req.body),
  )

  app.post(
    '/api/persons/:id/unmask',
    {
      config: { access: { permission: 'person:unmask' } },
      schema: {
        tags,
        summary: 'Show the full identity number (audited, with a reason)',
        params: IdParams,
        body: UnmaskBody,
        response: { 200: UnmaskedIdentity, ...ERRORS },
      },
    },
    (req) => persons.unmask(userOf(req), scopeOfRequest(req), req.params.id, req.body.reason),
  )

  app.get(
    '/api/me/person',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "The signed-in citizen's own record",
        response: { 200: PersonDetail, ...ERRORS },
      },
    },
    (req) => persons.getOwn(userOf(req), scopeOfRequest(req)),
  )

  app.post(
    '/api/households',
    {
      config: { access: { permission: 'person:write' } },
      schema: { tags: ['households'], body: CreateHouseholdBody, response: { 201: Household, ...ERRORS } },
    },
    async (req, reply) =>
      reply.status(201).send(await persons.createHousehold(userOf(req), scopeOfRequest(req), req.body)),
  )

  app.get(
    '/api/households/:id',
    {
      config: { access: { permission: 'person:read' } },
      schema: { tags: ['households'], params: IdParams, response: { 200: Household, ...ERRORS } },
    },
    (req) => persons.getHousehold(userOf(req), scopeOfRequest(req), req.params.id),
  )
}
