import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query'
import { isApiError } from './api/client'
import { queryKeys } from './api/queries'

/**
 * The console's query client. A 401 from any request means the session has ended: the
 * signed-in user becomes `null`, and the route guard sends the browser to the login page.
 * Client errors (4xx) are not retried; they will not get better.
 */
export function createQueryClient(): QueryClient {
  const onError = (error: Error) => {
    if (isApiError(error) && error.status === 401) client.setQueryData(queryKeys.me, null)
  }
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        retry: (failureCount, error) =>
          !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
    },
  })
  return client
}
