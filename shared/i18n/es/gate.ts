/** Rechazos del control de actualizaciones (SPEC G, ST2, CM2, CO1, CO2; L25), por regla y código. */
export default {
  G1: {
    'unknown-place': 'este cambio va a un lugar donde el plan no tiene nada',
    'unknown-place_field': '{{place}}: nada del plan está en «{{field}}»',
  },
  G2: {
    incomplete: 'este cambio depende de contenido que el servidor no tiene',
  },
  G3: {
    'lock-flag': 'solo un facilitador puede aprobar los criterios o retirar una aprobación',
  },
  G4: {
    'server-key': 'esta parte del plan la fija solo el servidor',
    'server-key_field': 'el campo «{{field}}» del plan lo fija solo el servidor',
  },
  G5: {
    'criteria-locked': 'los criterios están bloqueados: ambos comités los aprobaron',
  },
  G6: {
    'foreign-score': 'una conexión solo puede escribir las puntuaciones de su propio participante',
  },
  G7: {
    'agreed-score': 'solo un facilitador puede registrar una puntuación acordada',
  },
  G8: {
    'out-of-domain': 'este valor no está permitido aquí',
    'out-of-domain_field': '{{place}}: «{{field}}» no admite este valor',
    'out-of-domain_place': '{{place}}: este valor no corresponde',
    'out-of-domain_requirement': 'un requisito debe tener un tipo, una descripción y un orden, todos válidos',
  },
  G9: {
    'too-long': 'un texto supera la longitud que permite el plan',
    'too-long_field': '{{place}}: «{{field}}» admite como máximo {{limit}} caracteres',
  },
  G10: {
    'plan-too-large': 'el plan superaría el tamaño máximo que guarda este servidor',
    'plan-too-large_size': 'el plan no puede superar los {{bytes}} bytes',
  },
  G11: {
    'foreign-client': 'este cambio se escribió con el identificador de otra conexión abierta',
  },
  G12: {
    'facilitator-setting': 'solo un facilitador puede cambiar este ajuste del plan',
    'facilitator-setting_anonymous': 'solo un facilitador puede activar o desactivar la puntuación anónima',
    'facilitator-setting_named': 'solo un facilitador puede cambiar quién ve las puntuaciones individuales con nombre',
    'facilitator-setting_language': 'solo un facilitador puede cambiar el idioma de exportación del plan',
  },
  ST2: {
    'stage-move': 'solo un facilitador puede pasar el plan a otra etapa',
    'facilitator-setting': 'solo un facilitador puede cambiar quién pasa el plan a otra etapa',
  },
  CM2: {
    'server-only': 'los comentarios se escriben en el cuadro de comentarios, nunca como cambios directos en el plan',
  },
  CO1: {
    'facilitator-only': 'solo un facilitador puede abrir, cambiar o cerrar una consulta',
  },
  CO2: {
    'server-only': 'las recomendaciones, apoyos y preguntas se escriben en el panel de consulta, nunca como cambios directos en el plan',
  },
  imports: {
    reviewUnbound: 'La revisión «{{review}}» se medía respecto de la versión {{snapshot}}, que este plan no tiene: ahora se mide respecto del plan en curso.',
    scoresNoCode: 'La hoja de puntuaciones no tiene la columna «{{column}}» (un libro de una versión anterior de Roundtable), así que no se leyeron los estados de los objetivos.',
    agreedScoresKept: 'No se importaron las puntuaciones acordadas del libro: este plan conserva sus propios criterios, participantes y puntuaciones (importe el libro como un plan nuevo para traerlas).',
    namedScoresKept: 'No se importaron las puntuaciones con nombre del libro: este plan conserva sus propios criterios, participantes y puntuaciones (importe el libro como un plan nuevo para traerlas).',
    allScoresKept: 'No se importaron las puntuaciones acordadas ni las puntuaciones con nombre del libro: este plan conserva sus propios criterios, participantes y puntuaciones (importe el libro como un plan nuevo para traerlas).',
    meansOnly_one: '{{count}} puntuación de la hoja de puntuaciones es una media de puntuaciones individuales que este libro no nombra (donde se exportó no se permitían puntuaciones con nombre): no se importaron puntuaciones individuales ni participantes, y los objetivos cuentan solo sus puntuaciones acordadas.',
    meansOnly_many: '{{count}} puntuaciones de la hoja de puntuaciones son medias de puntuaciones individuales que este libro no nombra (donde se exportó no se permitían puntuaciones con nombre): no se importaron puntuaciones individuales ni participantes, y los objetivos cuentan solo sus puntuaciones acordadas.',
    meansOnly_other: '{{count}} puntuaciones de la hoja de puntuaciones son medias de puntuaciones individuales que este libro no nombra (donde se exportó no se permitían puntuaciones con nombre): no se importaron puntuaciones individuales ni participantes, y los objetivos cuentan solo sus puntuaciones acordadas.',
  },
  places: {
    meta: 'el plan',
    participants: 'un participante',
    criteria: 'un criterio',
    nodes: 'una fila de la matriz',
    scores: 'una puntuación',
    agreed: 'una puntuación acordada',
    indicators: 'un indicador',
    reviews: 'una revisión',
    activityReports: 'un informe de actividad',
    indicatorReadings: 'una medición de indicador',
    sections: 'una sección del Plan de Acción Nacional',
    fundingLines: 'una línea de financiación',
    exchangeRates: 'un tipo de cambio',
    stakeholders: 'una parte interesada',
    bodies: 'un órgano',
    meetings: 'una reunión',
    decisions: 'una decisión',
    deliverables: 'un producto',
    answers: 'una respuesta',
    comments: 'un comentario',
    sectorAnswers: 'una respuesta de la lista de verificación sectorial',
    libraryEntries: 'una entrada de la biblioteca',
    consultRounds: 'una consulta',
    recommendations: 'una recomendación',
    reactions: 'una reacción',
    translations: 'una traducción',
  },
};
