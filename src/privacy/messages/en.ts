import type de from './de.ts';

// English texts of "my data" (same keys and placeholders as de.ts).
export default {
  'overview.nothing': '**Your data at LoDiLe-Bot**\nI currently store no data about you.',
  'overview.held':
    '**Your data at LoDiLe-Bot**\nThis is what I store about you (number of entries in brackets):\n{lines}\n\n{rest, select, yes {I store nothing else about you. } other {}}You can download all of it as a file or have it deleted for good. What I store in general and for how long is in the [privacy notice]({notice}).',
  'overview.export': 'Export data',
  'overview.erase': 'Delete all data',
  'common.back': 'Back',
  'common.myData': 'My data',
  'export.done': 'Here is all the data I store about you, as a JSON file.',
  'export.backToOverview': 'Back to overview',
  'erase.ask':
    '**Really delete everything?** Your canvases, bookings, questions and profile will be deleted for good; booked slots are cancelled. This cannot be undone.',
  'erase.confirm': 'Yes, delete for good',
  'erase.cancel': 'Cancel',
  'erase.cancelled': 'Fine, nothing was deleted.',
  'erase.stale':
    'This confirmation is no longer valid. Nothing was deleted. To delete your data, please start again.',
  'erase.done':
    'Done: I deleted all data I had stored about you. If you write to me again, we start from scratch.',
} satisfies Record<keyof typeof de, string>;
