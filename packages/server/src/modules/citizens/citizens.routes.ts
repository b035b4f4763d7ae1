import { Type } from '@sinclair/typebox'
import {
  CitizenRegisterBody,
  CitizenRegistered,
  ErrorResponse,
  OtpRequestBody,
  PageQuery,
  SmsPage,
} from '@lianfang/contracts'
import { ERRORS, scopeOfRequest, userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { CitizensService } from './citizens.service.js'

export const citizensRoutes: RoutePlugin<{
  citizens: CitizensService
  otpRateLimit: number
  /** The node's region: its admins alone read messages to numbers tied to no region. */
  nodeRegion: string
}> = async (app, { citizens, otpRateLimit, nodeRegion }) => {
  const tags = ['citizens']
  app.post(
    '/api/citizen/otp',
    {
      config: { access: { public: true }, rateLimit: { max: otpRateLimit, timeWindow: '1 hour' } },
      schema: {
        tags,
        summary: 'Send a one-time code to a phone (registration)',
        body: OtpRequestBody,
        response: {
          200: Type.Object({ ok: Type.Boolean(), expiresInSeconds: Type.Integer() }),
          400: ErrorResponse,
          429: ErrorResponse,
        },
      },
    },
    (req) => citizens.requestOtp(req.body.phone),
  )
  app.post(
    '/api/citizen/register',
    {
      config: { access: { public: true }, rateLimit: { max: otpRateLimit, timeWindow: '1 hour' } },
      schema: {
        tags,
        summary: 'Register as a citizen with the code',
        body: CitizenRegisterBody,
        response: { 201: CitizenRegistered, ...ERRORS, 429: ErrorResponse },
      },
    },
    async (req, reply) => reply.status(201).send(await citizens.register(req.body)),
  )
  app.get(
    '/api/admin/sms-outbox',
    {
      config: { access: { permission: 'sms:read' } },
      schema: {
        tags,
        summary: 'Messages of the development SMS sender to numbers of your region (audited)',
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: SmsPage, ...ERRORS },
      },
    },
    (req) =>
      citizens.smsOutbox(
        userOf(req),
        scopeOfRequest(req),
        nodeRegion,
        req.query.page ?? 1,
        req.query.pageSize ?? 20,
      ),
  )
}
