export { createOrmOptions, openOrm, migrate, type OrmOpenOptions } from './orm.js';
export { ensureDatabase, dropDatabase, databaseNameOf, maintenanceUrlOf, quoteIdent } from './ensure-database.js';
export { migrationsList } from './migrations/index.js';
export { isoOrNull } from './timestamps.js';
export { singleRow } from './rows.js';
export { ChannelListener, type ChannelHandlers, type ChannelListenerOptions } from './channel-listener.js';
