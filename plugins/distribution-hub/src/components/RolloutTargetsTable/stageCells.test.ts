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
import { RolloutTarget } from '@sdh/plugin-distribution-hub-common';
import { stageCellStatus } from './stageCells';

type Shape = Pick<RolloutTarget, 'state' | 'stage' | 'failure'>;

/** The status of each of three stages. */
function cells(target: Shape) {
  return [0, 1, 2].map(stage => stageCellStatus(target, stage));
}

const failure = (stage: number) => ({
  stage,
  application: 'component:default/web',
  environment: { cluster: 'demo-eu', namespace: 'flareup-prod' },
  reason: 'ProgressDeadlineExceeded',
});

describe('stageCellStatus', () => {
  it('has every stage done once completed, and none started while pending', () => {
    expect(cells({ state: 'completed' })).toEqual(['done', 'done', 'done']);
    expect(cells({ state: 'pending' })).toEqual([
      'waiting',
      'waiting',
      'waiting',
    ]);
  });

  it('has the stages before the current one done and later ones waiting', () => {
    expect(cells({ state: 'ongoing', stage: 1 })).toEqual([
      'done',
      'ongoing',
      'waiting',
    ]);
    expect(cells({ state: 'ongoing', stage: 0 })).toEqual([
      'ongoing',
      'waiting',
      'waiting',
    ]);
  });

  it('marks the stage that failed, from the failure', () => {
    expect(cells({ state: 'failed', stage: 2, failure: failure(1) })).toEqual([
      'done',
      'failed',
      'waiting',
    ]);
    expect(cells({ state: 'failed', stage: 2 })).toEqual([
      'done',
      'done',
      'failed',
    ]);
  });

  it('shows the stages before a rolled-back failure as rolled back', () => {
    expect(cells({ state: 'rolled-back', failure: failure(1) })).toEqual([
      'rolled-back',
      'failed',
      'waiting',
    ]);
  });

  it('shows where a cancelled installation stopped', () => {
    expect(cells({ state: 'cancelled', stage: 1 })).toEqual([
      'done',
      'cancelled',
      'waiting',
    ]);
    expect(cells({ state: 'cancelled' })).toEqual([
      'waiting',
      'waiting',
      'waiting',
    ]);
  });
});
