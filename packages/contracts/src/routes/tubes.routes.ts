import { Type } from '@sinclair/typebox'
import { IdParams } from '../common.schema.js'
import { TableFile } from '../cases.schema.js'
import {
  AddLabStaffBody,
  AddTubeMemberBody,
  CreateLabBody,
  CreateShipmentBody,
  CreateTubeBody,
  Lab,
  LabResultBody,
  LabResultOutcome,
  ReceiveShipmentBody,
  ShipmentDetail,
  ShipmentPage,
  ShipmentQuery,
  TestAlert,
  TestAlertCount,
  TestAlertPage,
  TestAlertQuery,
  TubeDetail,
  TubePage,
  TubeQuery,
  UpdateLabBody,
} from '../tubes.schema.js'
import { defineRoute } from './route-contract.js'

const tags = ['tubes']
const register = { permission: 'tube:register' } as const
const labWork = { permission: 'lab:work' } as const
const manage = { permission: 'lab:manage' } as const
const alerts = { permission: 'testalert:read' } as const

/**
 * Tubes and shipments (testers), labs (admins keep the list; a lab's staff receive shipments and
 * report results), and the alerts positive tubes raise (docs/testing.md "Tubes, shipments, labs").
 * Results in bulk come through the import pipeline (`POST /api/imports/lab-results/preview`).
 */
export const TubeRoutes = {
  create: defineRoute({
    method: 'POST',
    path: '/api/tubes',
    summary: 'Register a tube by its barcode, with its pool size (POOL.WHO caps it by the area)',
    body: CreateTubeBody,
    response: { 201: TubeDetail },
    access: register,
    tags,
  }),
  list: defineRoute({
    method: 'GET',
    path: '/api/tubes',
    summary: 'Tubes registered in your region, newest first',
    query: TubeQuery,
    response: { 200: TubePage },
    access: register,
    tags,
  }),
  get: defineRoute({
    method: 'GET',
    path: '/api/tubes/:id',
    summary: 'A tube and its members (masked)',
    params: IdParams,
    response: { 200: TubeDetail },
    access: register,
    tags,
  }),
  addMember: defineRoute({
    method: 'POST',
    path: '/api/tubes/:id/members',
    summary: "Add a person to an open tube: their health code's QR text, or their ID number",
    params: IdParams,
    body: AddTubeMemberBody,
    response: { 200: TubeDetail },
    access: register,
    tags,
  }),
  close: defineRoute({
    method: 'POST',
    path: '/api/tubes/:id/close',
    summary: 'Close a tube (at least one member): it can then be shipped',
    params: IdParams,
    response: { 200: TubeDetail },
    access: register,
    tags,
  }),
} as const

export const ShipmentRoutes = {
  create: defineRoute({
    method: 'POST',
    path: '/api/shipments',
    summary: 'Send closed tubes to a lab in one shipment (its code is what the lab scans)',
    body: CreateShipmentBody,
    response: { 201: ShipmentDetail },
    access: register,
    tags,
  }),
  list: defineRoute({
    method: 'GET',
    path: '/api/shipments',
    summary: 'Shipments sent from your region, newest first',
    query: ShipmentQuery,
    response: { 200: ShipmentPage },
    access: register,
    tags,
  }),
  get: defineRoute({
    method: 'GET',
    path: '/api/shipments/:id',
    summary: 'A shipment sent from your region, with its tubes',
    params: IdParams,
    response: { 200: ShipmentDetail },
    access: register,
    tags,
  }),
  manifest: defineRoute({
    method: 'GET',
    path: '/api/shipments/:id/manifest.csv',
    summary: 'The manifest (送检单) of a shipment: each tube barcode and its member count, as CSV',
    params: IdParams,
    response: { 200: TableFile },
    access: register,
    tags,
  }),
} as const

export const LabRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/labs',
    summary: 'Labs of your region and above (where your tubes may go)',
    response: { 200: Type.Array(Lab) },
    access: register,
    tags,
  }),
  create: defineRoute({
    method: 'POST',
    path: '/api/labs',
    summary: 'Add a lab',
    body: CreateLabBody,
    response: { 201: Lab },
    access: manage,
    tags,
  }),
  update: defineRoute({
    method: 'PATCH',
    path: '/api/labs/:id',
    summary: 'Rename a lab, or mark it inactive',
    params: IdParams,
    body: UpdateLabBody,
    response: { 200: Lab },
    access: manage,
    tags,
  }),
  addStaff: defineRoute({
    method: 'POST',
    path: '/api/labs/:id/staff',
    summary: "Make a lab account this lab's staff",
    params: IdParams,
    body: AddLabStaffBody,
    response: { 200: Lab },
    access: manage,
    tags,
  }),
  shipments: defineRoute({
    method: 'GET',
    path: '/api/lab/shipments',
    summary: "Your lab's shipments, newest first",
    query: ShipmentQuery,
    response: { 200: ShipmentPage },
    access: labWork,
    tags,
  }),
  shipment: defineRoute({
    method: 'GET',
    path: '/api/lab/shipments/:id',
    summary: "One of your lab's shipments, with its tubes (barcodes and member counts)",
    params: IdParams,
    response: { 200: ShipmentDetail },
    access: labWork,
    tags,
  }),
  receive: defineRoute({
    method: 'POST',
    path: '/api/lab/shipments/receive',
    summary: "Receive a shipment by its code (scanned): its tubes are then the lab's to test",
    body: ReceiveShipmentBody,
    response: { 200: ShipmentDetail },
    access: labWork,
    tags,
  }),
  enterResult: defineRoute({
    method: 'POST',
    path: '/api/lab/results',
    summary: "One tube's result entered by hand (negative: members negative; positive: POOL.POSITIVE)",
    body: LabResultBody,
    response: { 200: LabResultOutcome },
    access: labWork,
    tags,
  }),
} as const

export const TestAlertRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/test-alerts',
    summary: 'Positive tubes of your region, newest first',
    query: TestAlertQuery,
    response: { 200: TestAlertPage },
    access: alerts,
    tags,
  }),
  count: defineRoute({
    method: 'GET',
    path: '/api/test-alerts/count',
    summary: 'How many positive-tube alerts of your region are not acknowledged (the console badge)',
    response: { 200: TestAlertCount },
    access: alerts,
    tags,
  }),
  acknowledge: defineRoute({
    method: 'POST',
    path: '/api/test-alerts/:id/acknowledge',
    summary: 'Mark an alert as seen',
    params: IdParams,
    response: { 200: TestAlert },
    access: alerts,
    tags,
  }),
} as const
