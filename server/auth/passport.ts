import { Passport } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { Config } from '../config.js';
import { authenticate, loadActor } from '../users/users.service.js';

/** One Passport instance per app, so tests can build several apps in one process. */
export function createPassport(config: Config): InstanceType<typeof Passport> {
  const passport = new Passport();
  passport.use(
    new LocalStrategy({ usernameField: 'username', passwordField: 'password' }, (username, password, done) => {
      authenticate(username, password, config.scryptLogN).then(
        (actor) => done(null, actor ?? false),
        (err) => done(err),
      );
    }),
  );
  // Only the user id goes into the session.
  passport.serializeUser((user, done) => done(null, user.id));
  passport.deserializeUser((id: number, done) => {
    loadActor(id).then(
      (actor) => done(null, actor ?? false),
      (err) => done(err),
    );
  });
  return passport;
}
