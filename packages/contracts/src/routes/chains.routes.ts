import { IdParams } from '../common.schema.js'
import {
  AcknowledgeClusterBody,
  CaseLink,
  ChainGraphResponse,
  ChainQuery,
  ClusterAlert,
  ClusterPage,
  ClusterQuery,
  CreateCaseLinkBody,
  DetectClustersBody,
  DetectClustersResult,
} from '../cases.schema.js'
import { defineRoute } from './route-contract.js'

const tags = ['chains']
const read = { permission: 'case:read' } as const
const write = { permission: 'case:write' } as const

/** Cluster alerts, case links and the transmission-chain graph (docs/cases.md). */
export const ChainRoutes = {
  clusters: defineRoute({
    method: 'GET',
    path: '/api/clusters',
    summary: 'Cluster alerts (聚集性疫情) of settings in my region',
    query: ClusterQuery,
    response: { 200: ClusterPage },
    access: read,
    tags,
  }),
  detectClusters: defineRoute({
    method: 'POST',
    path: '/api/clusters/detect',
    summary: 'Run cluster detection now over the recent cases of a region',
    body: DetectClustersBody,
    response: { 200: DetectClustersResult },
    access: write,
    tags,
  }),
  acknowledgeCluster: defineRoute({
    method: 'POST',
    path: '/api/clusters/:id/acknowledge',
    params: IdParams,
    body: AcknowledgeClusterBody,
    response: { 200: ClusterAlert },
    access: write,
    tags,
  }),
  /** 201 for a new link, 200 for an update of its confidence or note (the handler chooses). */
  link: defineRoute({
    method: 'POST',
    path: '/api/case-links',
    summary: 'Record that one case infected another (cycles and self-links refused)',
    body: CreateCaseLinkBody,
    response: { 200: CaseLink, 201: CaseLink },
    access: write,
    tags,
  }),
  unlink: defineRoute({
    method: 'DELETE',
    path: '/api/case-links/:id',
    params: IdParams,
    response: { 200: CaseLink },
    access: write,
    tags,
  }),
  graph: defineRoute({
    method: 'GET',
    path: '/api/chains',
    summary: 'Transmission-chain graph: cases, confirmed contacts and clusters; other regions anonymised',
    query: ChainQuery,
    response: { 200: ChainGraphResponse },
    access: read,
    tags,
  }),
} as const
