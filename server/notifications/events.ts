// The events mailed to the people concerned (issue #13 item 3). Domain services announce an event inside their
// transaction; it is delivered only after that transaction commits, never inside it, and not at all when it
// rolls back (a retried deadlock announces once, from the attempt that committed).
import type { Transaction } from 'sequelize';

export type MailEvent =
  | { kind: 'planSubmitted'; planId: number }
  | { kind: 'planApproved'; planId: number }
  | { kind: 'planReturned'; planId: number }
  | { kind: 'urgingIssued'; urgingId: number }
  | { kind: 'correctionAnswered'; requestId: number };

type Listener = (event: MailEvent) => void;
const listeners = new Set<Listener>();

/** Registers a listener (an app with SMTP configured); returns how to remove it. */
export function onMailEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Delivers `event` once `transaction` has committed. Listeners run detached: they cannot fail the action. */
export function announceAfterCommit(transaction: Transaction, event: MailEvent): void {
  if (listeners.size === 0) return;
  transaction.afterCommit(() => {
    for (const listener of listeners) setImmediate(() => listener(event));
  });
}
