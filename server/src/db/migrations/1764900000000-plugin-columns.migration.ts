import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A complaint pins the plugin that governs it: the columns say so (`plugin_id`,
 * `plugin_version`, and `plugin_config` for the rule arguments, as `tenant_plugins.config`).
 */
export class PluginColumns1764900000000 implements MigrationInterface {
  name = 'PluginColumns1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE complaints RENAME COLUMN policy_id TO plugin_id');
    await q.query('ALTER TABLE complaints RENAME COLUMN policy_version TO plugin_version');
    await q.query('ALTER TABLE complaints RENAME COLUMN policy_args TO plugin_config');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE complaints RENAME COLUMN plugin_config TO policy_args');
    await q.query('ALTER TABLE complaints RENAME COLUMN plugin_version TO policy_version');
    await q.query('ALTER TABLE complaints RENAME COLUMN plugin_id TO policy_id');
  }
}
