/** Textes fixes des documents produits par Roundtable (vue d'impression, Word), dans la langue du plan (L8). */
export default {
  title: 'Plan d’action national : {{title}}',
  untitled: 'Plan sans titre',
  hint: 'Vue d’impression. Utilisez la commande Imprimer de votre navigateur (Ctrl+P, ou ⌘P) pour l’imprimer ou l’enregistrer en PDF ; les matrices s’impriment en format paysage.',
  ui: {
    language: 'Les documents sont rédigés en',
    languageFixed: 'Les documents sont rédigés en {{language}} (le facilitateur en décide).',
  },
  part: {
    background: '1. Contexte',
    programmes: '2. Programmes et interventions prévus',
    matrix: 'Matrice du plan de mise en œuvre',
    funding: 'Financement',
    monitoring: 'Matrice de suivi de la mise en œuvre',
    annexes: '3. Annexes',
    comments: 'Annexe : commentaires',
    consultations: 'Consultations',
  },
  empty: {
    background: 'Aucune section de contexte pour l’instant.',
    annexes: 'Aucune annexe pour l’instant.',
    comments: 'Personne n’a encore commenté ce plan.',
  },
  sectors: {
    heading: "Couverture des secteurs",
    intro: "Les 14 secteurs de l'annexe C du manuel : les réponses à leurs listes de contrôle, le nombre d'objectifs et de résultats qui citent chaque secteur, et si le plan le couvre (un objectif ou un résultat le cite), l'a examiné (liste de contrôle remplie sans « non ») ou le laisse sans couverture.",
    goals: "Objectifs",
    outcomes: "Résultats",
  },
};
