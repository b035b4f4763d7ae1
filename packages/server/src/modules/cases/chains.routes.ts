import { ChainRoutes, type AcknowledgeClusterBody, type DetectClustersBody } from '@lianfang/contracts'
import { route } from '../../http/contract-route.js'
import { scopeOfRequest, userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { ChainsService } from './chains.service.js'
import type { ClustersService } from './clusters.service.js'

/** Cluster alerts, case links and the transmission-chain graph (docs/cases.md; contracts: `ChainRoutes`). */
export const chainsRoutes: RoutePlugin<{ clusters: ClustersService; chains: ChainsService }> = async (
  app,
  { clusters, chains },
) => {
  route(app, ChainRoutes.clusters, (req) => clusters.list(scopeOfRequest(req), req.query))
  // A detection without a body runs over the user's region.
  route(app, ChainRoutes.detectClusters, (req) =>
    clusters.detect(userOf(req), scopeOfRequest(req), (req.body as DetectClustersBody | undefined) ?? {}),
  )
  route(app, ChainRoutes.acknowledgeCluster, (req) =>
    clusters.acknowledge(
      userOf(req),
      scopeOfRequest(req),
      req.params.id,
      (req.body as AcknowledgeClusterBody | undefined) ?? {},
    ),
  )
  // 201 for a new link, 200 for an update: the contract declares both, the handler chooses.
  route(app, ChainRoutes.link, async (req, reply) => {
    const { link, created } = await chains.link(userOf(req), scopeOfRequest(req), req.body)
    void reply.code(created ? 201 : 200)
    return link
  })
  route(app, ChainRoutes.unlink, (req) => chains.unlink(userOf(req), scopeOfRequest(req), req.params.id))
  route(app, ChainRoutes.graph, (req) => chains.graph(userOf(req), scopeOfRequest(req), req.query))
}
