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
  IdParams,
} from '@lianfang/contracts'
import { ERRORS, userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { ChainsService } from './chains.service.js'
import type { ClustersService } from './clusters.service.js'

/** Cluster alerts, case links and the transmission-chain graph (docs/cases.md). */
export const chainsRoutes: RoutePlugin<{ clusters: ClustersService; chains: ChainsService }> = async (
  app,
  { clusters, chains },
) => {
  const tags = ['chains']
  app.get(
    '/api/clusters',
    {
      config: { access: { permission: 'case:read' } },
      schema: {
        tags,
        summary: 'Cluster alerts (聚集性疫情) of settings in my region',
        querystring: ClusterQuery,
        response: { 200: ClusterPage, ...ERRORS },
      },
    },
    (req) => clusters.list(userOf(req), req.query),
  )
  app.post(
    '/api/clusters/detect',
    {
      config: { access: { permission: 'case:write' } },
      schema: {
        tags,
        summary: 'Run cluster detection now over the recent cases of a region',
        body: DetectClustersBody,
        response: { 200: DetectClustersResult, ...ERRORS },
      },
    },
    (req) => clusters.detect(userOf(req), req.body ?? {}),
  )
  app.post(
    '/api/clusters/:id/acknowledge',
    {
      config: { access: { permission: 'case:write' } },
      schema: {
        tags,
        params: IdParams,
        body: AcknowledgeClusterBody,
        response: { 200: ClusterAlert, ...ERRORS },
      },
    },
    (req) => clusters.acknowledge(userOf(req), req.params.id, req.body ?? {}),
  )
  app.post(
    '/api/case-links',
    {
      config: { access: { permission: 'case:write' } },
      schema: {
        tags,
        summary: 'Record that one case infected another (cycles and self-links refused)',
        body: CreateCaseLinkBody,
        response: { 200: CaseLink, 201: CaseLink, ...ERRORS },
      },
    },
    async (req, reply) => {
      const { link, created } = await chains.link(userOf(req), req.body)
      return reply.status(created ? 201 : 200).send(link)
    },
  )
  app.delete(
    '/api/case-links/:id',
    {
      config: { access: { permission: 'case:write' } },
      schema: { tags, params: IdParams, response: { 200: CaseLink, ...ERRORS } },
    },
    (req) => chains.unlink(userOf(req), req.params.id),
  )
  app.get(
    '/api/chains',
    {
      config: { access: { permission: 'case:read' } },
      schema: {
        tags,
        summary: 'Transmission-chain graph: cases, confirmed contacts and clusters; other regions anonymised',
        querystring: ChainQuery,
        response: { 200: ChainGraphResponse, ...ERRORS },
      },
    },
    (req) => chains.graph(userOf(req), req.query),
  )
}
