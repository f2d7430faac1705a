// Liveness and readiness for the process supervisor or load balancer; no session, no database writes.
import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import { RETRY_AFTER_SECONDS } from '../http/error-handler.js';

export function healthRoutes(sequelize: Sequelize): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
  });

  router.get('/readyz', async (_req, res) => {
    try {
      await Promise.race([
        sequelize.query('SELECT 1'),
        new Promise((_resolve, reject) => setTimeout(() => reject(new Error('timeout')), 3000).unref()),
      ]);
      res.json({ status: 'ready', database: 'up' });
    } catch {
      res.set('Retry-After', String(RETRY_AFTER_SECONDS)).status(503).json({ status: 'unavailable', database: 'down' });
    }
  });

  return router;
}
