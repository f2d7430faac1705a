/** The one password of every demo account. Demo data never lands in production unless asked for. */
export const DEMO_PASSWORD = 'Demo@2024';
