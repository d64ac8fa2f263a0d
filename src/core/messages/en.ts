import type de from './de.ts';

export default {
  'action.expired': 'This button is no longer valid. You can continue here:',
} satisfies Record<keyof typeof de, string>;
