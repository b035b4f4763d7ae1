import { IdParams } from '../common.schema.js'
import {
  CreateVenueBody,
  MAX_POSTERS,
  PatchVenueBody,
  PdfFile,
  PostersQuery,
  ScanBatchBody,
  ScanBatchResult,
  ScanItem,
  ScanOutcome,
  SelfCheckinBody,
  SelfCheckinResult,
  Venue,
  VenueActiveBody,
  VenueCode,
  VenuePage,
  VenueQuery,
  VenueStats,
  VenueStatsQuery,
} from '../entry.schema.js'
import { defineRoute } from './route-contract.js'

const tags = ['entry and exit']

/** Venues (场所) and their codes, gate scans and check-ins (出入管理; docs/entry.md). */
export const CheckinRoutes = {
  listVenues: defineRoute({
    method: 'GET',
    path: '/api/venues',
    query: VenueQuery,
    response: { 200: VenuePage },
    access: { permission: 'venue:read' },
    tags,
  }),
  createVenue: defineRoute({
    method: 'POST',
    path: '/api/venues',
    body: CreateVenueBody,
    response: { 201: Venue },
    access: { permission: 'venue:manage' },
    tags,
  }),
  getVenue: defineRoute({
    method: 'GET',
    path: '/api/venues/:id',
    params: IdParams,
    response: { 200: Venue },
    access: { permission: 'venue:read' },
    tags,
  }),
  patchVenue: defineRoute({
    method: 'PATCH',
    path: '/api/venues/:id',
    summary: 'Change a venue’s transport properties (a train’s or a bus’s ventilation, CC.TRANSPORT.*)',
    params: IdParams,
    body: PatchVenueBody,
    response: { 200: Venue },
    access: { permission: 'venue:manage' },
    tags,
  }),
  setVenueActive: defineRoute({
    method: 'POST',
    path: '/api/venues/:id/active',
    params: IdParams,
    body: VenueActiveBody,
    response: { 200: Venue },
    access: { permission: 'venue:manage' },
    tags,
  }),
  venueCode: defineRoute({
    method: 'GET',
    path: '/api/venues/:id/code',
    summary: 'The signed venue code (场所码) for its poster',
    params: IdParams,
    response: { 200: VenueCode },
    access: { permission: 'venue:read' },
    tags,
  }),
  venueStats: defineRoute({
    method: 'GET',
    path: '/api/venues/:id/stats',
    summary: 'Entries and exits, residents vs visitors, denials, hourly',
    params: IdParams,
    query: VenueStatsQuery,
    response: { 200: VenueStats },
    access: { permission: 'venue:read' },
    tags,
  }),
  gateScan: defineRoute({
    method: 'POST',
    path: '/api/gate/scan',
    summary: 'One scan at a gate: verify, decide, record (idempotent by clientScanId)',
    body: ScanItem,
    response: { 200: ScanOutcome },
    access: { permission: 'checkin:record' },
    tags,
  }),
  batch: defineRoute({
    method: 'POST',
    path: '/api/checkins/batch',
    summary:
      'A batch of scans (the offline queue): each accepted once, duplicates reported, bad items listed',
    body: ScanBatchBody,
    response: { 200: ScanBatchResult },
    access: { permission: 'checkin:record' },
    tags,
  }),
  /** Any signed-in user may call it; the handler admits citizens only (FORBIDDEN otherwise). */
  self: defineRoute({
    method: 'POST',
    path: '/api/checkins/self',
    summary: 'A citizen scans a venue code',
    body: SelfCheckinBody,
    response: { 200: SelfCheckinResult },
    access: { authenticated: true },
    tags,
  }),
} as const

/**
 * Venue posters as PDF (场所码海报). The answers are bytes, not JSON: the console links to them
 * (`urlOf`) rather than `call`s them. When the drawing pool is full the answer is 503
 * SERVER_BUSY with Retry-After (the server adds that error answer).
 */
export const PosterRoutes = {
  poster: defineRoute({
    method: 'GET',
    path: '/api/venues/:id/poster.pdf',
    summary: 'The venue poster (场所码海报): A4 PDF with the signed venue code as a QR',
    params: IdParams,
    response: { 200: PdfFile },
    access: { permission: 'venue:read' },
    tags,
  }),
  posters: defineRoute({
    method: 'GET',
    path: '/api/venues/posters.pdf',
    summary: 'Several venues’ posters in one PDF, one A4 page each, in the order given',
    description: `At most ${String(MAX_POSTERS)} venues (400 above). PDFs are drawn by a bounded pool of worker threads: when it is full the answer is 503 SERVER_BUSY with Retry-After.`,
    query: PostersQuery,
    response: { 200: PdfFile },
    access: { permission: 'venue:read' },
    tags,
  }),
} as const
