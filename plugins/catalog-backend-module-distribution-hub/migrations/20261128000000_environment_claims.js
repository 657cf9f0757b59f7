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
 * Which installation claimed each environment (cluster + namespace) first, so
 * that a second claimant can be told, whatever order the catalog processes
 * entities in.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable(
    'distribution_hub_environment_claims',
    table => {
      table.comment('Environments claimed by Installation entities');
      table.string('cluster').notNullable().comment('Cluster name');
      table.string('namespace').notNullable().comment('Kubernetes namespace');
      table
        .string('installation_ref')
        .notNullable()
        .comment('Entity ref of the installation that holds the claim');
      table
        .timestamp('claimed_at', { useTz: true })
        .notNullable()
        .defaultTo(knex.fn.now());
      table.primary(['cluster', 'namespace']);
      table.index(['installation_ref'], 'dh_env_claims_installation_idx');
    },
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('distribution_hub_environment_claims');
};
