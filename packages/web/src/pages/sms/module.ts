import { defineWebModule, lazyPage } from '../../modules-kit/web-module'

/** The SMS outbox (one-time codes and notices the node sent or will send). */
export default defineWebModule({
  name: 'sms',
  routes: [{ path: 'sms-outbox', page: lazyPage(() => import('./SmsOutboxPage')), permission: 'sms:read' }],
  menu: [
    {
      key: 'smsOutbox',
      path: '/sms-outbox',
      label: 'nav.smsOutbox',
      group: 'system',
      permission: 'sms:read',
      order: 50,
    },
  ],
})
