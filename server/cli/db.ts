// npm run db:migrate | db:migrate:undo | db:seed — the same steps the server runs at start, on demand — and
// npm run db:rebuild-summaries [-- --verify]: recount the summaries (courses, persons), or only compare them with a recount.
import { loadConfig, redactUrl } from '../config.js';
import { migrate, migrator, openDatabase, seed } from '../db/index.js';
import { describeDifference, rebuildSummaries, verifySummaries } from '../summaries/index.js';

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
  } else if (command === 'rebuild-summaries') {
    await migrate(db);
    if (process.argv.includes('--verify')) {
      const differences = await verifySummaries(db.sequelize);
      for (const d of differences) console.log(describeDifference(d));
      console.log(differences.length ? `Summaries differ from a recount: ${differences.length} row(s) (up to 200 of each kind shown).` : 'Summaries agree with a full recount.');
      if (differences.length) process.exitCode = 1;
    } else {
      const rebuilt = await rebuildSummaries(db.sequelize);
      console.log(`Summaries rebuilt: ${rebuilt.courses} course(s), ${rebuilt.personDays} person day(s).`);
    }
  } else {
    console.error('Usage: db.js migrate | undo | seed | rebuild-summaries [--verify]');
    process.exitCode = 2;
  }
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await db.close();
}
