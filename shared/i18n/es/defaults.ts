/** El contenido inicial de un plan nuevo (criterios, secciones del Plan de Acción), en el idioma en que se crea. */
export default {
  criteria: {
    'crit-national-priority': {
      title: 'Sirve a una gran prioridad nacional de desarrollo',
      description: '¿Perseguir este objetivo supondría una diferencia real para una de las principales prioridades de desarrollo del país?',
    },
    'crit-broad-support': {
      title: 'Suma a la mayoría de los grupos de partes interesadas',
      description: '¿Puede la mayoría de los grupos que participan en el proceso respaldar este objetivo?',
    },
    'crit-no-major-reform': {
      title: 'Viable sin grandes cambios institucionales',
      description: '¿Puede perseguirse el objetivo con las instituciones tal como están, sin una gran reorganización previa?',
    },
    'crit-independent': {
      title: 'No depende de otros objetivos',
      description: '¿Puede empezar el trabajo sin lograr antes otros objetivos, o pueden avanzar a la par los objetivos de los que depende?',
    },
  },
  sections: {
    'bg-trends': 'Tendencias migratorias y su relación con la pobreza y el desarrollo',
    'bg-frameworks': 'Instrumentos nacionales de planificación y marco elegido para este trabajo',
    'bg-stakeholders': 'Quiénes son las partes interesadas, dentro y fuera del gobierno',
    'bg-institutions': 'Organización institucional y funcionamiento de la consulta',
    'bg-priorities': 'Objetivos y prioridades estratégicos en resumen',
    'annex-experts': 'Expertos locales e instituciones de investigación que trabajan en migración y desarrollo',
    'annex-partners': 'Lo que las organizaciones internacionales y las ONG ya hacen en este ámbito',
    'annex-research': 'Investigaciones y análisis ya disponibles sobre el país',
    'annex-tor': 'Términos de referencia de los comités (Comité Interministerial y Comité Consultivo Nacional)',
  },
};
