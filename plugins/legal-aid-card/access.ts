/** The plugin's permissions, granted to roles in index.ts. */
export const MAY_MANAGE_BATCHES = 'legal-aid-card.batches.manage';
