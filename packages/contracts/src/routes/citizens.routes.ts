import { Type } from '@sinclair/typebox'
import { PageQuery } from '../common.schema.js'
import { CitizenRegisterBody, CitizenRegistered, OtpRequestBody, SmsPage } from '../health-codes.schema.js'
import { defineRoute } from './route-contract.js'

const tags = ['citizens']

const OtpSent = Type.Object({ ok: Type.Boolean(), expiresInSeconds: Type.Integer() })
const SmsOutboxQuery = Type.Object(PageQuery, { additionalProperties: false })

/**
 * Citizen sign-up (public, rate-limited per address by the server: 429) and the development SMS
 * outbox.
 */
export const CitizenRoutes = {
  requestOtp: defineRoute({
    method: 'POST',
    path: '/api/citizen/otp',
    summary: 'Send a one-time code to a phone (registration)',
    body: OtpRequestBody,
    response: { 200: OtpSent },
    access: { public: true },
    tags,
  }),
  register: defineRoute({
    method: 'POST',
    path: '/api/citizen/register',
    summary: 'Register as a citizen with the code',
    body: CitizenRegisterBody,
    response: { 201: CitizenRegistered },
    access: { public: true },
    tags,
  }),
  smsOutbox: defineRoute({
    method: 'GET',
    path: '/api/admin/sms-outbox',
    summary: 'Messages of the development SMS sender to numbers of your region (audited)',
    query: SmsOutboxQuery,
    response: { 200: SmsPage },
    access: { permission: 'sms:read' },
    tags,
  }),
} as const
