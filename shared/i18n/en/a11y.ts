/** Keyboard and screen readers: the workspace's announcements of remote changes, the header's "More" menu. */
export default {
  more: {
    button: 'More',
    label: 'More panels',
    menu: 'Panels',
  },
  live: {
    region: 'Announcements',
    comment: '{{name}} commented on {{label}}.',
    comments_one: '{{count}} new comment by others.',
    comments_other: '{{count}} new comments by others.',
    conflict: 'Conflicting change to {{place}}: a notice above the plan says more.',
    back: 'Connection back. Your changes are saved again.',
  },
};
