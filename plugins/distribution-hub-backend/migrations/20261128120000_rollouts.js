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
 * The rollout engine's state machine: rollout → targets (one per
 * installation) → deployments (one per application × environment). Times
 * the engine compares are epoch milliseconds, so one injected clock drives
 * them on every database.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('rollouts', table => {
    table.comment('A release being deployed to a set of installations');
    table.string('id').primary();
    table.string('release_id').notNullable();
    table.string('track').notNullable();
    table.string('version').notNullable();
    table.string('status').notNullable();
    table
      .boolean('held')
      .notNullable()
      .defaultTo(false)
      .comment('Release on hold');
    table
      .boolean('settled')
      .notNullable()
      .defaultTo(false)
      .comment('No target will move again');
    table.text('request').notNullable().comment('The RolloutRequest, as JSON');
    table
      .text('stages')
      .notNullable()
      .comment('The release stages with images and workload labels, as JSON');
    table.text('waves').notNullable();
    table.text('skipped').notNullable();
    table.integer('max_parallel').notNullable();
    table.integer('failure_limit').nullable();
    table.bigInteger('not_before').nullable();
    table.boolean('respect_windows').notNullable();
    table.boolean('auto_rollback').notNullable();
    table.string('created_by').notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.bigInteger('finished_at').nullable();
    table.index(['release_id'], 'rollouts_release_idx');
    table.index(['settled'], 'rollouts_settled_idx');
  });
  await knex.schema.createTable('rollout_targets', table => {
    table.comment('One installation of a rollout');
    table.string('rollout_id').notNullable();
    table.string('installation_ref').notNullable();
    table.string('tenant_ref').notNullable();
    table.string('tier').notNullable();
    table.string('ring').nullable();
    table.integer('wave').notNullable();
    table.text('environments').notNullable();
    table.text('maintenance_windows').nullable();
    table
      .text('contacts')
      .notNullable()
      .comment('Tenant contacts to notify, as JSON');
    table.string('state').notNullable();
    table.integer('stage').notNullable().defaultTo(0);
    table.text('detail').nullable();
    table.text('failure').nullable();
    table
      .bigInteger('due_at')
      .notNullable()
      .comment('Not acted on before this time');
    table.integer('attempts').notNullable().defaultTo(0);
    table.string('lease_owner').nullable();
    table.bigInteger('lease_expires_at').nullable();
    table.bigInteger('started_at').nullable();
    table.bigInteger('finished_at').nullable();
    table.bigInteger('updated_at').notNullable();
    table.primary(['rollout_id', 'installation_ref']);
    table.index(['state', 'due_at'], 'rollout_targets_due_idx');
    table.index(['rollout_id', 'state', 'wave'], 'rollout_targets_state_idx');
    table.index(['installation_ref'], 'rollout_targets_installation_idx');
  });
  await knex.schema.createTable('rollout_deployments', table => {
    table.comment('One application on one environment of a target');
    table.string('rollout_id').notNullable();
    table.string('installation_ref').notNullable();
    table.integer('stage').notNullable();
    table.string('entity_ref').notNullable();
    table.string('cluster').notNullable();
    table.string('namespace').notNullable();
    table.text('image').notNullable();
    table
      .string('state')
      .notNullable()
      .comment('pending, applying, applied, healthy, failed, restored');
    table
      .text('workloads')
      .nullable()
      .comment('What ran before the rollout touched it, as JSON');
    table
      .text('previous')
      .nullable()
      .comment('The images this deployment replaced, as JSON');
    table.text('reason').nullable();
    table.string('applied_by').nullable().comment('The worker that applied it');
    table.bigInteger('applied_at').nullable();
    table.bigInteger('healthy_at').nullable();
    table.primary([
      'rollout_id',
      'installation_ref',
      'entity_ref',
      'cluster',
      'namespace',
    ]);
    table.index(
      ['installation_ref', 'state'],
      'rollout_deployments_installation_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('rollout_deployments');
  await knex.schema.dropTable('rollout_targets');
  await knex.schema.dropTable('rollouts');
};
