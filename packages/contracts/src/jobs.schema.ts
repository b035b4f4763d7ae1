import { Type, type Static } from '@sinclair/typebox'
import { DateTimeString, Id, Page, PageQuery } from './common.schema.js'

const strict = { additionalProperties: false } as const

/** A topic or periodic task name of the jobs runtime (docs/jobs.md). */
export const JobTopic = Type.String({ pattern: '^[a-z][a-z0-9_.-]{0,63}$' })

/** A job that failed its last attempt (a dead letter), waiting for an operator's retry. */
export const DeadJob = Type.Object({
  id: Id,
  topic: Type.String(),
  payload: Type.Unknown(),
  attempts: Type.Integer(),
  maxAttempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTimeString,
  diedAt: Type.Union([DateTimeString, Type.Null()]),
})
export type DeadJob = Static<typeof DeadJob>

export const DeadJobQuery = Type.Object({ topic: Type.Optional(JobTopic), ...PageQuery }, strict)
export type DeadJobQuery = Static<typeof DeadJobQuery>
export const DeadJobPage = Page(DeadJob)
export type DeadJobPage = Static<typeof DeadJobPage>

export const RetryJobBody = Type.Object({ reason: Type.String({ minLength: 2, maxLength: 500 }) }, strict)
export type RetryJobBody = Static<typeof RetryJobBody>

export const RetriedJob = Type.Object({ id: Id, topic: Type.String(), state: Type.Literal('queued') })
export type RetriedJob = Static<typeof RetriedJob>
