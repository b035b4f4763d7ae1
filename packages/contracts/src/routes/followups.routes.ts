import { IdParams } from '../common.schema.js'
import {
  CancelFollowupBody,
  FollowupPage,
  FollowupQuery,
  FollowupTask,
  RecordFollowupBody,
} from '../followups.schema.js'
import { defineRoute } from './route-contract.js'

const tags = ['followups']

/** Post-discharge follow-up and re-examination tasks (docs/followups.md). */
export const FollowupRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/followups',
    summary: 'Follow-up tasks in my region, soonest due first (missed = due and past its week)',
    query: FollowupQuery,
    response: { 200: FollowupPage },
    access: { permission: 'followup:read' },
    tags,
  }),
  get: defineRoute({
    method: 'GET',
    path: '/api/followups/:id',
    params: IdParams,
    response: { 200: FollowupTask },
    access: { permission: 'followup:read' },
    tags,
  }),
  record: defineRoute({
    method: 'POST',
    path: '/api/followups/:id/result',
    summary: 'Record the result of a follow-up (once); a positive NAT (复阳) is flagged and recorded',
    params: IdParams,
    body: RecordFollowupBody,
    response: { 200: FollowupTask },
    access: { permission: 'followup:record' },
    tags,
  }),
  cancel: defineRoute({
    method: 'POST',
    path: '/api/followups/:id/cancel',
    summary: 'Cancel a follow-up that will not take place, with the reason',
    params: IdParams,
    body: CancelFollowupBody,
    response: { 200: FollowupTask },
    access: { permission: 'followup:record' },
    tags,
  }),
} as const
