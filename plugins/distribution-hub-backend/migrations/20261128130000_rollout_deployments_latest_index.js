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
 * The fleet view reads, per installation and application, the image of the
 * latest healthy deployment. This index holds every column that read needs,
 * in its order (newest first within each pair), so it is answered from the
 * index alone, without sorting the table's rows or visiting them. State
 * leads rather than being a partial index's condition: a bound `state = ?`
 * can use it on every database.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('rollout_deployments', table => {
    table.index(
      [
        'state',
        'installation_ref',
        'entity_ref',
        knex.raw('?? desc', ['healthy_at']),
        'image',
        'rollout_id',
      ],
      'rollout_deployments_latest_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('rollout_deployments', table => {
    table.dropIndex([], 'rollout_deployments_latest_idx');
  });
};
