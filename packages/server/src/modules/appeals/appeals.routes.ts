import { Type } from '@sinclair/typebox'
import { Appeal, AppealBody, AppealPage, AppealQuery, DecideAppealBody, IdParams } from '@lianfang/contracts'
import { DomainError } from '@lianfang/core'
import { ERRORS, scopeOfRequest, userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { AppealsService } from './appeals.service.js'

export const appealsRoutes: RoutePlugin<{ appeals: AppealsService }> = async (app, { appeals }) => {
  const tags = ['appeals']
  app.post(
    '/api/appeals',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'Contest my colour (纠错)',
        body: AppealBody,
        response: { 201: Appeal, ...ERRORS },
      },
    },
    async (req, reply) => {
      const user = userOf(req)
      if (user.role !== 'citizen')
        throw new DomainError('FORBIDDEN', 'appeals are filed by citizens for their own code')
      return reply.status(201).send(await appeals.file(user, scopeOfRequest(req), req.body.statement))
    },
  )
  app.get(
    '/api/appeals/mine',
    {
      config: { access: { authenticated: true } },
      schema: { tags, response: { 200: Type.Array(Appeal), ...ERRORS } },
    },
    (req) => appeals.mine(scopeOfRequest(req)),
  )
  app.get(
    '/api/appeals',
    {
      config: { access: { permission: 'appeal:review' } },
      schema: {
        tags,
        summary: 'Review queue of my region',
        querystring: AppealQuery,
        response: { 200: AppealPage, ...ERRORS },
      },
    },
    (req) =>
      appeals.queue(
        userOf(req),
        scopeOfRequest(req),
        req.query.status,
        req.query.page ?? 1,
        req.query.pageSize ?? 20,
      ),
  )
  app.get(
    '/api/appeals/:id',
    {
      config: { access: { permission: 'appeal:review' } },
      schema: { tags, params: IdParams, response: { 200: Appeal, ...ERRORS } },
    },
    (req) => appeals.get(userOf(req), scopeOfRequest(req), req.params.id),
  )
  app.post(
    '/api/appeals/:id/decide',
    {
      config: { access: { permission: 'appeal:review' } },
      schema: {
        tags,
        summary: 'Accept (with corrections) or reject',
        params: IdParams,
        body: DecideAppealBody,
        response: { 200: Appeal, ...ERRORS },
      },
    },
    (req) => appeals.decide(userOf(req), scopeOfRequest(req), req.params.id, req.body),
  )
}
