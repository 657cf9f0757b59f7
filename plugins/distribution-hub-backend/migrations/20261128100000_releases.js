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

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('tracks', table => {
    table.comment('Release tracks: product lines holding releases');
    table.string('name').primary().comment('Track ID, a lower-case slug');
    table.string('title').notNullable();
    table.text('description');
    table.string('created_by').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('releases', table => {
    table.comment('Releases of a track, with their requirements');
    table.uuid('id').primary();
    table
      .string('track')
      .notNullable()
      .references('name')
      .inTable('tracks')
      .onDelete('CASCADE');
    table.string('version').notNullable().comment('Semantic version');
    table.string('name').notNullable();
    table.text('description');
    table.text('notes').comment('Release notes, Markdown');
    table.string('status').notNullable().defaultTo('draft');
    table
      .text('requirements')
      .notNullable()
      .comment(
        'JSON: {stages: [{name, apps: [{entityRef, image, instructions}]}]}',
      );
    table.integer('application_count').notNullable().defaultTo(0);
    table.integer('stage_count').notNullable().defaultTo(0);
    table.boolean('locked').notNullable().defaultTo(false);
    table.string('locked_by');
    table.timestamp('locked_at', { useTz: true });
    table.integer('revision').notNullable().defaultTo(1);
    table.uuid('cloned_from');
    table.string('created_by').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['track', 'version'], {
      indexName: 'releases_track_version_uniq',
    });
  });

  await knex.schema.createTable('release_applications', table => {
    table.comment(
      'Which releases include which application, for lookups by component',
    );
    table
      .uuid('release_id')
      .notNullable()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE');
    table.string('entity_ref').notNullable();
    table.integer('stage_index').notNullable();
    table.string('image', 1024);
    table.primary(['release_id', 'entity_ref']);
    table.index(['entity_ref'], 'release_applications_entity_ref_idx');
  });

  await knex.schema.createTable('release_history', table => {
    table.comment('Every change of a release: who, when and what');
    table.bigIncrements('id');
    table
      .uuid('release_id')
      .notNullable()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE');
    table.integer('revision').notNullable();
    table.string('action').notNullable();
    table.string('actor').notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.text('changes').notNullable().comment('JSON: {field: {from, to}}');
    table.index(['release_id', 'revision'], 'release_history_release_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('release_history');
  await knex.schema.dropTable('release_applications');
  await knex.schema.dropTable('releases');
  await knex.schema.dropTable('tracks');
};
