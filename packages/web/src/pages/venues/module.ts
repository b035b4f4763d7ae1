import { defineWebModule, lazyPage } from '../../modules-kit/web-module'

/** Venues, their statistics and their printable check-in posters. */
export default defineWebModule({
  name: 'venues',
  routes: [
    { path: 'venues', page: lazyPage(() => import('./VenuesPage')), permission: 'venue:read' },
    { path: 'venues/:id', page: lazyPage(() => import('./VenueDetailPage')), permission: 'venue:read' },
    // A sheet to print: no console frame around it.
    {
      path: 'venues/:id/poster',
      page: lazyPage(() => import('./VenuePosterPage')),
      permission: 'venue:read',
      frame: 'bare',
    },
  ],
  menu: [
    {
      key: 'venues',
      path: '/venues',
      label: 'nav.venues',
      group: 'places',
      permission: 'venue:read',
      order: 20,
    },
  ],
})
