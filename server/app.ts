// createApp builds the Express app from a config and an open database. It never listens and never connects.
import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import path from 'node:path';
import { apiRouter } from './api/api.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { csrfProtection, issueCsrfToken } from './auth/csrf.js';
import { createPassport } from './auth/passport.js';
import { createSessionStore } from './auth/session-store.js';
import type { Config } from './config.js';
import type { Database } from './db/index.js';
import { healthRoutes } from './health/health.routes.js';
import { homeRoutes } from './home/home.routes.js';
import { formBody, multipartBody } from './http/body.js';
import { errorHandler } from './http/error-handler.js';
import { AppError } from './http/errors.js';
import { flashLocals } from './http/flash.js';
import { localeMiddleware } from './http/locale.js';
import { saveSessionBeforeRedirect } from './http/session-redirect.js';
import { httpLogger, type Logger } from './http/logger.js';
import { textOnlyQuery } from './http/text-only.js';
import { startNotifications, type Notifier } from './notifications/index.js';
import { todoBadge } from './todo/index.js';
import { configureViews } from './http/views.js';
import { projectRoot, viewsDir } from './paths.js';
import { pageRoutes } from './routes.js';
import { userRoutes } from './users/users.routes.js';
import { verifyRoutes } from './verify/index.js';

export interface AppDeps {
  config: Config;
  db: Database;
  logger: Logger;
}

export interface App extends express.Express {
  /** Stops the session store's expiry timer and the e-mail sender; the database itself belongs to the caller. */
  shutdown(): void;
  /** E-mail notifications: nothing unless SMTP_URL is configured. */
  notifications: Notifier;
}

const SESSION_MAX_AGE_MS = 8 * 60 * 60 * 1000;

export function createApp({ config, db, logger }: AppDeps): App {
  const app = express() as App;
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', 'extended');
  configureViews(app);

  app.use(httpLogger(logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          // On a plain-HTTP intranet host, upgrading would break every asset.
          upgradeInsecureRequests: config.cookieSecure ? [] : null,
        },
      },
      strictTransportSecurity: config.cookieSecure,
      // The Referer goes to this site only: a form posted after the session ended leads back to its page.
      referrerPolicy: { policy: 'same-origin' },
    }),
  );

  // Static files are served by the app itself: an office network may have no way to a CDN.
  const assetOptions = { maxAge: config.env === 'production' ? '7d' : 0, index: false };
  app.use('/assets/vendor/bootstrap', express.static(path.join(projectRoot, 'node_modules/bootstrap/dist'), assetOptions));
  app.use('/assets/vendor/swagger-ui', express.static(path.join(projectRoot, 'node_modules/swagger-ui-dist'), assetOptions));
  app.use('/assets/vendor/chart.js', express.static(path.join(projectRoot, 'node_modules/chart.js/dist'), assetOptions));
  app.use('/assets', express.static(path.join(viewsDir, 'assets'), assetOptions));

  app.use(healthRoutes(db.sequelize));
  // Public certificate look-ups, before the session: an anonymous QR scan must not create a session row.
  app.use(verifyRoutes(config));

  const store = createSessionStore({
    sequelize: db.sequelize,
    maxAgeMs: SESSION_MAX_AGE_MS,
    // Tests end cleanly without a timer; everywhere else expired rows are swept every 15 minutes.
    checkExpirationInterval: config.env === 'test' ? 0 : 15 * 60 * 1000,
  });
  const passport = createPassport(config);

  app.use(
    session({
      name: 'sid',
      secret: config.sessionSecret,
      store,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, maxAge: SESSION_MAX_AGE_MS },
    }),
  );
  app.use(saveSessionBeforeRedirect);
  app.use(passport.session());
  app.use((req: Request, _res: Response, next: NextFunction) => {
    if (req.user) req.user.requestId = String(req.id);
    next();
  });
  app.use(localeMiddleware);
  app.use(textOnlyQuery);

  app.use('/api', apiRouter({ config, sequelize: db.sequelize }));

  app.use(formBody);
  app.use(multipartBody);
  app.use(csrfProtection);
  app.use(flashLocals);
  app.use((req: Request, res: Response, next: NextFunction) => {
    res.locals.user = req.user ?? null;
    res.locals.csrfToken = issueCsrfToken(req);
    res.locals.currentPath = req.originalUrl.split('?')[0];
    res.locals.returnTo = req.originalUrl;
    // The session is rolling: each page restarts its idle time; views/assets/session.js warns before it ends.
    res.locals.sessionMs = req.user ? SESSION_MAX_AGE_MS : null;
    // Pages carry one person's data in one language: a cached copy (or the back-forward cache) would show a
    // page in the language before a switch, or after sign-out. Files (PDF, xlsx) set their own header later.
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use(todoBadge(db.sequelize, logger));

  app.use(authRoutes(config, passport));
  app.use(homeRoutes(db.sequelize));
  app.use(userRoutes(config));
  app.use(pageRoutes({ config, sequelize: db.sequelize }));

  app.use((_req: Request, _res: Response, next: NextFunction) => next(new AppError('not_found', 'common.errors.notFound')));
  app.use(errorHandler(logger, { showStack: config.env === 'development' }));

  app.notifications = startNotifications(config, logger);
  app.shutdown = () => {
    store.stopExpiringSessions();
    app.notifications.stop();
  };
  return app;
}
