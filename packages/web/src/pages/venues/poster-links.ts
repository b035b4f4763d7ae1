/**
 * The server-made PDF posters (场所码海报, `GET /api/venues/:id/poster.pdf` and
 * `GET /api/venues/posters.pdf?ids=`). Plain links: the browser sends the session cookie and saves
 * the file under the name the server gives (`Content-Disposition: attachment`).
 */

import { MAX_POSTERS, PosterRoutes } from '@lianfang/contracts'
import { urlOf } from '../../api/call'

/** The most venues one PDF may hold (the contract's limit: the server refuses more). */
export const MAX_POSTERS_PER_PDF = MAX_POSTERS

export const posterPdfUrl = (venueId: string) => urlOf(PosterRoutes.poster, { params: { id: venueId } })

/**
 * One PDF with a page per venue, in the order given (duplicates dropped). The ids are joined by
 * plain commas, as the contract's pattern reads them (`urlOf` would encode them).
 */
export const postersPdfUrl = (venueIds: readonly string[]) =>
  `${PosterRoutes.posters.path}?ids=${[...new Set(venueIds)].map(encodeURIComponent).join(',')}`
