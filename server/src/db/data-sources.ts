import { DataSource } from 'typeorm';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from './migrations';

/** The owner connection: runs migrations and the first-start seed, then closes. */
export function createOwnerDataSource(url: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: false,
    extra: { max: 2 },
  });
}

/** The shared runtime pool, connected as the unprivileged role that row-level security binds. */
export function createRuntimeDataSource(url: string, poolSize = 20): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    synchronize: false,
    logging: false,
    extra: { max: poolSize, application_name: 'redress' },
  });
}
