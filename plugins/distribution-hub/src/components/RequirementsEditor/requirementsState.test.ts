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
import {
  draftReducer,
  initialDraft,
  sameRequirements,
  stageLabel,
  toRequirements,
} from './requirementsState';
import { draftRelease } from './__testUtils__/fixtures';

const ORDERS = 'component:default/orders-api';
const CATALOG = 'component:default/catalog-api';
const STOREFRONT = 'component:default/storefront-web';

function refs(state: ReturnType<typeof initialDraft>) {
  return state.stages.map(stage => stage.apps.map(app => app.entityRef));
}

describe('requirements draft', () => {
  const start = initialDraft(draftRelease.requirements);

  it('moves an application and keeps untouched objects', () => {
    const next = draftReducer(start, {
      type: 'moveApp',
      entityRef: CATALOG,
      to: 1,
    });
    expect(refs(next)).toEqual([[ORDERS], [STOREFRONT, CATALOG]]);
    // The moved application object and the untouched one are reused.
    expect(next.stages[1].apps[1]).toBe(start.stages[0].apps[1]);
    expect(next.stages[0].apps[0]).toBe(start.stages[0].apps[0]);
    // Moving within its own stage changes nothing.
    expect(
      draftReducer(start, { type: 'moveApp', entityRef: ORDERS, to: 0 }),
    ).toBe(start);
  });

  it('moves to a new stage and adds to one when there is none', () => {
    const moved = draftReducer(start, {
      type: 'moveApp',
      entityRef: ORDERS,
      to: 'new',
    });
    expect(refs(moved)).toEqual([[CATALOG], [STOREFRONT], [ORDERS]]);

    const empty = initialDraft({ stages: [] });
    const added = draftReducer(empty, {
      type: 'addApp',
      entityRef: ORDERS,
      stage: 0,
    });
    expect(refs(added)).toEqual([[ORDERS]]);
    // An application is listed once.
    expect(
      draftReducer(added, { type: 'addApp', entityRef: ORDERS, stage: 0 }),
    ).toBe(added);
  });

  it('removes a stage only with somewhere for its applications to go', () => {
    expect(draftReducer(start, { type: 'removeStage', index: 0 })).toBe(start);
    const next = draftReducer(start, {
      type: 'removeStage',
      index: 0,
      moveTo: 1,
    });
    expect(refs(next)).toEqual([[STOREFRONT, ORDERS, CATALOG]]);
    expect(next.stages[0].name).toBe('Front end');

    const withEmpty = draftReducer(start, { type: 'addStage' });
    expect(withEmpty.stages).toHaveLength(3);
    expect(
      draftReducer(withEmpty, { type: 'removeStage', index: 2 }).stages,
    ).toHaveLength(2);
  });

  it('updates and removes applications', () => {
    const updated = draftReducer(start, {
      type: 'updateApp',
      entityRef: CATALOG,
      change: { image: 'shopfront/catalog-api:1.1.0' },
    });
    expect(updated.stages[0].apps[1]).toEqual({
      entityRef: CATALOG,
      image: 'shopfront/catalog-api:1.1.0',
    });
    expect(updated.stages[1]).toBe(start.stages[1]);
    const removed = draftReducer(updated, {
      type: 'removeApp',
      entityRef: ORDERS,
    });
    expect(refs(removed)).toEqual([[CATALOG], [STOREFRONT]]);
  });

  it('saves trimmed names and leaves out empty images and instructions', () => {
    expect(
      toRequirements([
        {
          name: ' Back ends ',
          apps: [{ entityRef: ORDERS, image: '', instructions: '  ' }],
        },
        { name: '', apps: [] },
      ]),
    ).toEqual({
      stages: [
        { name: 'Back ends', apps: [{ entityRef: ORDERS }] },
        { apps: [] },
      ],
    });
    expect(
      sameRequirements({ stages: start.stages }, draftRelease.requirements),
    ).toBe(true);
    const renamed = draftReducer(start, {
      type: 'renameStage',
      index: 0,
      name: 'Back ends ',
    });
    expect(sameRequirements(renamed, draftRelease.requirements)).toBe(true);
  });

  it('labels stages by position and name', () => {
    expect(stageLabel(0, 'Back ends')).toBe('Stage 1: Back ends');
    expect(stageLabel(2, '  ')).toBe('Stage 3');
  });
});
