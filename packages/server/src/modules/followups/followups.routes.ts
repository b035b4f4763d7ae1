import {
  CancelFollowupBody,
  FollowupPage,
  FollowupQuery,
  FollowupTask,
  IdParams,
  RecordFollowupBody,
} from '@lianfang/contracts'
import { ERRORS, userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { FollowupsService } from './followups.service.js'

/** Post-discharge follow-up and re-examination tasks (docs/followups.md). */
export const followupsRoutes: RoutePlugin<{ followups: FollowupsService }> = async (app, { followups }) => {
  const tags = ['followups']
  app.get(
    '/api/followups',
    {
      config: { access: { permission: 'followup:read' } },
      schema: {
        tags,
        summary: 'Follow-up tasks in my region, soonest due first (missed = due and past its week)',
        querystring: FollowupQuery,
        response: { 200: FollowupPage, ...ERRORS },
      },
    },
    (req) => followups.list(userOf(req), req.query),
  )
  app.get(
    '/api/followups/:id',
    {
      config: { access: { permission: 'followup:read' } },
      schema: { tags, params: IdParams, response: { 200: FollowupTask, ...ERRORS } },
    },
    (req) => followups.get(userOf(req), req.params.id),
  )
  app.post(
    '/api/followups/:id/result',
    {
      config: { access: { permission: 'followup:record' } },
      schema: {
        tags,
        summary: 'Record the result of a follow-up (once); a positive NAT (复阳) is flagged and recorded',
        params: IdParams,
        body: RecordFollowupBody,
        response: { 200: FollowupTask, ...ERRORS },
      },
    },
    (req) => followups.record(userOf(req), req.params.id, req.body),
  )
  app.post(
    '/api/followups/:id/cancel',
    {
      config: { access: { permission: 'followup:record' } },
      schema: {
        tags,
        summary: 'Cancel a follow-up that will not take place, with the reason',
        params: IdParams,
        body: CancelFollowupBody,
        response: { 200: FollowupTask, ...ERRORS },
      },
    },
    (req) => followups.cancel(userOf(req), req.params.id, req.body),
  )
}
