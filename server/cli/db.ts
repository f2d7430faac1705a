// npm run db:migrate | db:migrate:undo | db:seed — the same steps the server runs at start, on demand.
import { loadConfig, redactUrl } from '../config.js';
import { migrate, migrator, openDatabase, seed } from '../db/index.js';

const command = process.argv[2];
const config = loadConfig();
const db = openDatabase({ url: config.databaseUrl });
try {
  console.log(`Database: ${redactUrl(config.databaseUrl)}`);
  if (command === 'migrate') {
    const applied = await migrate(db);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Schema is up to date.');
  } else if (command === 'undo') {
    const undone = await migrator(db.sequelize).down();
    console.log(undone.length ? `Undone: ${undone.map((m) => m.name).join(', ')}` : 'Nothing to undo.');
  } else if (command === 'seed') {
    await migrate(db);
    const result = await seed(db, { demo: config.seedDemo, scryptLogN: config.scryptLogN, log: console.log });
    console.log(`Reference: ${result.reference.length ? result.reference.join(', ') : 'up to date'}`);
    console.log(`Demo: ${result.demo.length ? result.demo.join(', ') : result.demoSkipped === 'not-empty' ? 'skipped (the database already holds records)' : result.demoSkipped === 'disabled' ? 'disabled (SEED_DEMO)' : 'already loaded'}`);
  } else {
    console.error('Usage: db.js migrate | undo | seed');
    process.exitCode = 2;
  }
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await db.close();
}
