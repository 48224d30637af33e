/** Chevrotain's grammar self-checks run in tests and development; the shipped bundle defines NODE_ENV=production. */
export const skipValidations = process.env.NODE_ENV === 'production';
