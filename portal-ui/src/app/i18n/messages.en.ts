// The English table is the reference: every other language must translate each of its keys
// (the compiler checks it through the `Messages` type). `{name}` marks a parameter.
export const messagesEn = {
  'shell.defaultTitle': 'Webhooks',
  'shell.documentTitle': '{app} · Webhooks',
  'shell.skipToContent': 'Skip to content',
  'shell.backToApp': 'Back to app',
  'shell.poweredBy': 'Powered by {product}',

  'session.opening': 'Opening your portal…',
  'session.missing.title': "Open this portal from your application's link",
  'session.missing.detail':
    'This page needs a link from the application you use. Go back to it and open the webhooks portal from there.',
  'session.invalidLink.title': 'This portal link has expired or was already used',
  'session.invalidLink.detail':
    'A portal link works only once and only for a few minutes. Open the portal again from your application to get a new one.',
  'session.failed.title': 'The portal could not be opened',
  'session.failed.detail': 'Something went wrong on our side. Please try again in a moment.',
  'session.lapsed.title': 'Your portal session has ended',
  'session.lapsed.detail': 'Open the portal again from your application to continue.',
  'session.retry': 'Try again',

  'messages.title': 'Delivery log',
  'messages.caption':
    'Messages sent to your endpoints, newest first, with the state of each delivery',
  'messages.refresh': 'Refresh',
  'messages.loading': 'Loading messages…',
  'messages.empty': 'No messages yet',
  'messages.emptyDetail': 'Messages appear here as soon as your application sends them.',
  'messages.loadFailed': 'Messages could not be loaded. Retrying automatically.',
  'messages.column.id': 'Message ID',
  'messages.column.eventType': 'Event type',
  'messages.column.time': 'Time',
  'messages.column.endpoint': 'Endpoint',
  'messages.column.status': 'Status',
  'messages.column.responseCode': 'Response code',
  'messages.noDeliveries': 'No endpoint subscribed',
  'messages.noResponse': 'No response yet',

  'delivery.status.pending': 'pending',
  'delivery.status.succeeded': 'succeeded',
  'delivery.status.failed': 'failed',
  'delivery.status.retrying': 'retrying',
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof messagesEn;

/** A complete translation table. */
export type Messages = Readonly<Record<MessageKey, string>>;
