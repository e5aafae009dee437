/** Refus du contrôle des mises à jour (SPEC G, ST2, CM2, CO1, CO2 ; L25), par règle et code. */
export default {
  G1: {
    'unknown-place': 'cette modification porte sur un endroit où le plan ne contient rien',
    'unknown-place_field': '{{place}} : rien du plan ne se trouve à « {{field}} »',
  },
  G2: {
    incomplete: 'cette modification dépend d’un contenu que le serveur n’a pas',
  },
  G3: {
    'lock-flag': 'seul un facilitateur peut valider les critères ou retirer une validation',
  },
  G4: {
    'server-key': 'cette partie du plan est fixée par le serveur uniquement',
    'server-key_field': 'le champ « {{field}} » du plan est fixé par le serveur uniquement',
  },
  G5: {
    'criteria-locked': 'les critères sont verrouillés : les deux comités les ont validés',
  },
  G6: {
    'foreign-score': 'une connexion ne peut écrire que les notes de son propre participant',
  },
  G7: {
    'agreed-score': 'seul un facilitateur peut enregistrer une note convenue',
  },
  G8: {
    'out-of-domain': 'cette valeur n’est pas permise ici',
    'out-of-domain_field': '{{place}} : « {{field}} » n’accepte pas cette valeur',
    'out-of-domain_place': '{{place}} : cette valeur ne convient pas',
    'out-of-domain_requirement': 'une exigence doit comporter un type, une description et un ordre, tous valides',
  },
  G9: {
    'too-long': 'un texte dépasse la longueur permise par le plan',
    'too-long_field': '{{place}} : « {{field}} » ne peut dépasser {{limit}} caractères',
  },
  G10: {
    'plan-too-large': 'le plan dépasserait la taille maximale que ce serveur enregistre',
    'plan-too-large_size': 'le plan ne peut pas dépasser {{bytes}} octets',
  },
  G11: {
    'foreign-client': 'cette modification a été écrite sous l’identifiant d’une autre connexion ouverte',
  },
  G12: {
    'facilitator-setting': 'seul un facilitateur peut modifier ce réglage du plan',
    'facilitator-setting_anonymous': 'seul un facilitateur peut activer ou désactiver la notation anonyme',
    'facilitator-setting_named': 'seul un facilitateur peut décider qui voit les notes individuelles nominatives',
    'facilitator-setting_language': 'seul un facilitateur peut changer la langue d’export du plan',
  },
  ST2: {
    'stage-move': 'seul un facilitateur peut faire passer le plan à une autre étape',
    'facilitator-setting': 'seul un facilitateur peut décider qui fait passer le plan à une autre étape',
  },
  CM2: {
    'server-only': 'les commentaires s’écrivent dans la zone de commentaire, jamais par une modification directe du plan',
  },
  CO1: {
    'facilitator-only': 'seul un facilitateur peut ouvrir, modifier ou clore une consultation',
  },
  CO2: {
    'server-only': 'les recommandations, soutiens et questions s’écrivent dans le panneau de consultation, jamais par une modification directe du plan',
  },
  imports: {
    reviewUnbound: 'La revue « {{review}} » était mesurée par rapport à la version {{snapshot}}, que ce plan n’a pas : elle est désormais mesurée par rapport au plan en cours.',
    scoresNoCode: 'La feuille des notes n’a pas de colonne « {{column}} » (classeur d’une version antérieure de Roundtable) : les statuts des objectifs n’ont donc pas été lus.',
    agreedScoresKept: 'Les notes convenues du classeur n’ont pas été importées : ce plan garde ses propres critères, participants et notes (importez le classeur comme nouveau plan pour les reprendre).',
    namedScoresKept: 'Les notes nominatives du classeur n’ont pas été importées : ce plan garde ses propres critères, participants et notes (importez le classeur comme nouveau plan pour les reprendre).',
    allScoresKept: 'Les notes convenues et les notes nominatives du classeur n’ont pas été importées : ce plan garde ses propres critères, participants et notes (importez le classeur comme nouveau plan pour les reprendre).',
    meansOnly_one: '{{count}} note de la feuille des notes est une moyenne de notes individuelles que ce classeur ne nomme pas (les notes nominatives n’étaient pas autorisées là où il a été exporté) : aucune note individuelle ni aucun participant n’a été importé, et les objectifs ne comptent que leurs notes convenues.',
    meansOnly_many: '{{count}} notes de la feuille des notes sont des moyennes de notes individuelles que ce classeur ne nomme pas (les notes nominatives n’étaient pas autorisées là où il a été exporté) : aucune note individuelle ni aucun participant n’a été importé, et les objectifs ne comptent que leurs notes convenues.',
    meansOnly_other: '{{count}} notes de la feuille des notes sont des moyennes de notes individuelles que ce classeur ne nomme pas (les notes nominatives n’étaient pas autorisées là où il a été exporté) : aucune note individuelle ni aucun participant n’a été importé, et les objectifs ne comptent que leurs notes convenues.',
  },
  places: {
    meta: 'le plan',
    participants: 'un participant',
    criteria: 'un critère',
    nodes: 'une ligne de la matrice',
    scores: 'une note',
    agreed: 'une note convenue',
    indicators: 'un indicateur',
    reviews: 'une revue',
    activityReports: 'un rapport d’activité',
    indicatorReadings: 'une mesure d’indicateur',
    sections: 'une section du Plan d’action',
    fundingLines: 'une ligne de financement',
    exchangeRates: 'un taux de change',
    stakeholders: 'une partie prenante',
    bodies: 'une instance',
    meetings: 'une réunion',
    decisions: 'une décision',
    deliverables: 'un livrable',
    answers: 'une réponse',
    comments: 'un commentaire',
    sectorAnswers: 'une réponse à une liste de contrôle sectorielle',
    libraryEntries: 'une entrée de la bibliothèque',
    consultRounds: 'une consultation',
    recommendations: 'une recommandation',
    reactions: 'une réaction',
    translations: 'une traduction',
  },
};
