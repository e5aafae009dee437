/** Mensajes compartidos por todas las pantallas. */
export default {
  language: 'Idioma',
  languageHint: 'El idioma que Roundtable usa para usted en este dispositivo. El contenido del plan queda tal como se escribió.',
  loading: 'Cargando…',
  close: 'Cerrar',
  cancel: 'Cancelar',
  save: 'Guardar',
  labelled: '{{label}}: {{value}}',
  colon: ':',
  people_one: '{{count}} persona',
  people_many: '{{count}} de personas',
  people_other: '{{count}} personas',
};
