/** Le contenu de départ d'un nouveau plan (critères, sections du Plan d'action), dans la langue où il est créé. */
export default {
  criteria: {
    'crit-national-priority': {
      title: 'Sert une grande priorité nationale de développement',
      description: 'Poursuivre cet objectif changerait-il réellement les choses pour l’une des premières priorités de développement du pays ?',
    },
    'crit-broad-support': {
      title: 'Rassemble la plupart des groupes de parties prenantes',
      description: 'La plupart des groupes qui prennent part au processus peuvent-ils soutenir cet objectif ?',
    },
    'crit-no-major-reform': {
      title: 'Réalisable sans grand changement institutionnel',
      description: 'L’objectif peut-il être poursuivi avec les institutions telles qu’elles sont, sans grande réorganisation préalable ?',
    },
    'crit-independent': {
      title: 'N’attend pas d’autres objectifs',
      description: 'Le travail peut-il commencer sans atteindre d’abord d’autres objectifs, ou ceux dont il dépend peuvent-ils avancer en parallèle ?',
    },
  },
  sections: {
    'bg-trends': 'Tendances migratoires et leurs liens avec la pauvreté et le développement',
    'bg-frameworks': 'Instruments nationaux de planification et cadre retenu pour ce travail',
    'bg-stakeholders': 'Qui sont les parties prenantes, au sein du gouvernement et en dehors',
    'bg-institutions': 'Dispositif institutionnel et déroulement de la consultation',
    'bg-priorities': 'Objectifs et priorités stratégiques en bref',
    'annex-experts': 'Experts locaux et instituts de recherche travaillant sur la migration et le développement',
    'annex-partners': 'Ce que les organisations internationales et les ONG font déjà dans ce domaine',
    'annex-research': 'Recherches et analyses déjà disponibles pour le pays',
    'annex-tor': 'Termes de référence des comités (Comité interministériel et Comité consultatif national)',
  },
};
