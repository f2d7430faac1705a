// Where the reports read. With DATABASE_REPLICA_URLS, a second Sequelize instance whose SELECTs outside a
// transaction go to the replicas (Sequelize replication); the models, the sessions and every write stay on
// the primary, so a page never reads its own write from a replica that has not caught up yet. Kept per
// primary instance, so that a database opened later (a test's scratch database) has its own.
import type { Sequelize } from 'sequelize';

const readers = new WeakMap<Sequelize, Sequelize>();

export function setReportDatabase(primary: Sequelize, reports: Sequelize): void {
  readers.set(primary, reports);
}

/** The report reader of this primary; the primary itself when it has no replicas. */
export function reportDatabase(primary: Sequelize): Sequelize {
  return readers.get(primary) ?? primary;
}
