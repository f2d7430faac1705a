// Notifications by e-mail as other domains see them: announce an event in a transaction; the app starts the sender.
export { announceAfterCommit, type MailEvent } from './events.js';
export { startNotifications, type Notifier } from './notifier.js';
