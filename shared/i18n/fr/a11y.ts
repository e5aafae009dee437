/** Clavier et lecteurs d'écran : annonces des changements faits ailleurs, menu « Plus » de l'en-tête. */
export default {
  more: {
    button: 'Plus',
    label: 'Plus de panneaux',
    menu: 'Panneaux',
  },
  live: {
    region: 'Annonces',
    comment: '{{name}} a commenté {{label}}.',
    comments_one: '{{count}} nouveau commentaire d’autres personnes.',
    comments_many: '{{count}} nouveaux commentaires d’autres personnes.',
    comments_other: '{{count}} nouveaux commentaires d’autres personnes.',
    conflict: 'Modification en conflit ({{place}}) : un avis au-dessus du plan donne le détail.',
    back: 'Connexion rétablie. Vos modifications sont de nouveau enregistrées.',
  },
};
