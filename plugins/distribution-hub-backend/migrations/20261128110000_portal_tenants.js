/*
 * Copyright 2026 The Software Distribution Hub Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
// @ts-check

/**
 * Tenants and installations created in the portal; the catalog module offers
 * them to the catalog through an entity provider.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('portal_entities', table => {
    table.comment('Tenant and Installation entities created in the portal');
    table.string('kind').notNullable().comment('Tenant or Installation');
    table.string('name').notNullable().comment('The immutable ID');
    table.text('entity').notNullable().comment('The entity, as JSON');
    table.integer('revision').notNullable().defaultTo(1);
    table.string('created_by').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('updated_by').notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(['kind', 'name']);
  });
  await knex.schema.createTable('portal_environments', table => {
    table.comment(
      'Environments mapped to portal-created installations; one installation each',
    );
    table.string('cluster').notNullable();
    table.string('namespace').notNullable();
    table.string('installation').notNullable();
    table.primary(['cluster', 'namespace']);
    table.index(['installation'], 'portal_environments_installation_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('portal_environments');
  await knex.schema.dropTable('portal_entities');
};
