// German texts of the core (the reference catalogue; en.ts must have the same keys and placeholders).
export default {
  'action.expired': 'Diese Schaltfläche ist nicht mehr gültig. Hier geht es weiter:',
} as const;
