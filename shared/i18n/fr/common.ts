/** Messages partagés par tous les écrans. */
export default {
  language: 'Langue',
  languageHint: 'La langue que Roundtable utilise pour vous sur cet appareil. Le contenu du plan reste tel qu’il a été écrit.',
  loading: 'Chargement…',
  close: 'Fermer',
  cancel: 'Annuler',
  save: 'Enregistrer',
  labelled: '{{label}}\u202f: {{value}}',
  colon: '\u202f:',
  people_one: '{{count}} personne',
  people_many: '{{count}} de personnes',
  people_other: '{{count}} personnes',
};
