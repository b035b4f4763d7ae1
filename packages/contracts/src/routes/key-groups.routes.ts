import { FactCreated, KeyGroupBody } from '../health-codes.schema.js'
import {
  CreateLocalKeyGroupBody,
  KeyGroupItem,
  KeyGroupList,
  NotifyOverdueBody,
  NotifyOverdueResult,
  OverduePage,
  OverdueQuery,
} from '../key-groups.schema.js'
import { defineRoute } from './route-contract.js'

/** 应检尽检 key groups (RULES.md TEST.MUST / TEST.WILL). */
export const KeyGroupRoutes = {
  set: defineRoute({
    method: 'PUT',
    path: '/api/key-groups',
    summary: 'Put a person in a 应检尽检 key group with a test interval',
    body: KeyGroupBody,
    response: { 201: FactCreated },
    access: { permission: 'fact:declare' },
    tags: ['testing'],
  }),
  list: defineRoute({
    method: 'GET',
    path: '/api/key-groups',
    summary: 'The key groups visible here, with members and overdue members in the caller’s scope',
    response: { 200: KeyGroupList },
    access: { permission: 'keygroup:read' },
    tags: ['testing'],
  }),
  createLocal: defineRoute({
    method: 'POST',
    path: '/api/key-groups',
    summary: 'Define a local key group of a region (TEST.WILL) with its test interval',
    body: CreateLocalKeyGroupBody,
    response: { 201: KeyGroupItem },
    access: { permission: 'keygroup:define' },
    tags: ['testing'],
  }),
  overdue: defineRoute({
    method: 'GET',
    path: '/api/key-groups/overdue',
    summary: 'Members whose last negative NAT is older than their group’s interval (audited read)',
    query: OverdueQuery,
    response: { 200: OverduePage },
    access: { permission: 'keygroup:read' },
    tags: ['testing'],
  }),
  notify: defineRoute({
    method: 'POST',
    path: '/api/key-groups/overdue/notify',
    summary: 'Send an SMS reminder to the overdue members of a filter (once per person per day)',
    body: NotifyOverdueBody,
    response: { 200: NotifyOverdueResult },
    access: { permission: 'keygroup:write' },
    tags: ['testing'],
  }),
} as const
