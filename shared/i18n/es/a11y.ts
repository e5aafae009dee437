/** Teclado y lectores de pantalla: avisos de cambios hechos por otras personas, menú «Más» de la cabecera. */
export default {
  more: {
    button: 'Más',
    label: 'Más paneles',
    menu: 'Paneles',
  },
  live: {
    region: 'Avisos',
    comment: '{{name}} comentó {{label}}.',
    comments_one: '{{count}} comentario nuevo de otras personas.',
    comments_many: '{{count}} comentarios nuevos de otras personas.',
    comments_other: '{{count}} comentarios nuevos de otras personas.',
    conflict: 'Cambio en conflicto ({{place}}): un aviso encima del plan da los detalles.',
    back: 'Conexión restablecida. Sus cambios vuelven a guardarse.',
  },
};
