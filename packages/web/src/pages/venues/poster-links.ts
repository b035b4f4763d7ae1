/**
 * The server-made PDF posters (场所码海报, `GET /api/venues/:id/poster.pdf` and
 * `GET /api/venues/posters.pdf?ids=`). Plain links: the browser sends the session cookie and saves
 * the file under the name the server gives (`Content-Disposition: attachment`).
 */

/** The most venues one PDF may hold (the server refuses more). */
export const MAX_POSTERS_PER_PDF = 200

export const posterPdfUrl = (venueId: string) => `/api/venues/${encodeURIComponent(venueId)}/poster.pdf`

/** One PDF with a page per venue, in the order given (duplicates dropped). */
export const postersPdfUrl = (venueIds: readonly string[]) =>
  `/api/venues/posters.pdf?ids=${[...new Set(venueIds)].map(encodeURIComponent).join(',')}`
