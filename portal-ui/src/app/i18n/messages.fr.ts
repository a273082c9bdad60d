import type { Messages } from './messages.en';

export const messagesFr: Messages = {
  'shell.defaultTitle': 'Webhooks',
  'shell.documentTitle': '{app} · Webhooks',
  'shell.skipToContent': 'Aller au contenu',
  'shell.backToApp': "Retour à l'application",
  'shell.poweredBy': 'Propulsé par {product}',

  'session.opening': 'Ouverture de votre portail…',
  'session.missing.title': 'Ouvrez ce portail depuis le lien de votre application',
  'session.missing.detail':
    "Cette page a besoin d'un lien fourni par l'application que vous utilisez. Retournez-y et ouvrez le portail des webhooks depuis celle-ci.",
  'session.invalidLink.title': 'Ce lien de portail a expiré ou a déjà été utilisé',
  'session.invalidLink.detail':
    "Un lien de portail ne fonctionne qu'une fois et pendant quelques minutes. Ouvrez de nouveau le portail depuis votre application pour en obtenir un autre.",
  'session.failed.title': "Le portail n'a pas pu être ouvert",
  'session.failed.detail':
    'Un problème est survenu de notre côté. Veuillez réessayer dans un instant.',
  'session.lapsed.title': 'Votre session du portail est terminée',
  'session.lapsed.detail': 'Ouvrez de nouveau le portail depuis votre application pour continuer.',
  'session.retry': 'Réessayer',

  'messages.title': 'Journal des livraisons',
  'messages.caption':
    'Messages envoyés à vos points de terminaison, les plus récents en premier, avec l’état de chaque livraison',
  'messages.refresh': 'Actualiser',
  'messages.loading': 'Chargement des messages…',
  'messages.empty': 'Aucun message pour le moment',
  'messages.emptyDetail': 'Les messages apparaissent ici dès que votre application les envoie.',
  'messages.loadFailed':
    'Les messages n’ont pas pu être chargés. Nouvel essai automatique en cours.',
  'messages.column.id': 'ID du message',
  'messages.column.eventType': "Type d'événement",
  'messages.column.time': 'Heure',
  'messages.column.endpoint': 'Point de terminaison',
  'messages.column.status': 'État',
  'messages.column.responseCode': 'Code de réponse',
  'messages.noDeliveries': 'Aucun point de terminaison abonné',
  'messages.noResponse': 'Pas encore de réponse',

  'delivery.status.pending': 'en attente',
  'delivery.status.succeeded': 'réussie',
  'delivery.status.failed': 'échouée',
  'delivery.status.retrying': 'nouvel essai',
};
