import { SignedResultRoutes } from '@lianfang/contracts'
import { route } from '../../http/contract-route.js'
import { scopeOfRequest, userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { SignedResultsService } from './signed-results.service.js'

/** Signed test results (LR1): a citizen's own, a person's for staff, verification and import. */
export const signedResultsRoutes: RoutePlugin<{ signedResults: SignedResultsService }> = async (
  app,
  { signedResults },
) => {
  route(app, SignedResultRoutes.mine, (req) => signedResults.mine(userOf(req)))
  route(app, SignedResultRoutes.ofPerson, (req) =>
    signedResults.ofPerson(userOf(req), scopeOfRequest(req), req.params.id),
  )
  route(app, SignedResultRoutes.verify, (req) => signedResults.verify(userOf(req), req.body.qr))
  route(app, SignedResultRoutes.importMine, (req) => signedResults.importMine(userOf(req), req.body.qr))
}
