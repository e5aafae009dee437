/** Textos fijos de los documentos que genera Roundtable (vista de impresión, Word), en el idioma del plan (L8). */
export default {
  title: 'Plan de Acción Nacional: {{title}}',
  untitled: 'Plan sin título',
  hint: 'Vista de impresión. Use el comando Imprimir del navegador (Ctrl+P, o ⌘P) para imprimirla o guardarla como PDF; las matrices se imprimen en páginas apaisadas.',
  ui: {
    language: 'Los documentos se redactan en',
    languageFixed: 'Los documentos se redactan en {{language}} (lo decide el facilitador).',
  },
  part: {
    background: '1. Antecedentes',
    programmes: '2. Programas e intervenciones previstos',
    matrix: 'Matriz del plan de ejecución',
    funding: 'Financiación',
    monitoring: 'Matriz de seguimiento de la ejecución',
    annexes: '3. Anexos',
    comments: 'Anexo: comentarios',
    consultations: 'Consultas',
  },
  empty: {
    background: 'Todavía no hay secciones de antecedentes.',
    annexes: 'Todavía no hay anexos.',
    comments: 'Nadie ha comentado este plan todavía.',
  },
  sectors: {
    heading: "Cobertura de los sectores",
    intro: "Los 14 sectores del anexo C del manual: cómo se respondieron sus listas de verificación, cuántos objetivos y resultados nombran cada sector, y si el plan lo cubre (un objetivo o resultado lo nombra), lo ha examinado (lista respondida sin ningún «no») o lo deja sin cubrir.",
    goals: "Objetivos",
    outcomes: "Resultados",
  },
};
