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
import { ConfigReader } from '@backstage/config';
import { readRolloutConfig } from './rolloutConfig';

describe('readRolloutConfig', () => {
  it('maps distributionHub.rollouts to the engine options', () => {
    expect(
      readRolloutConfig(
        new ConfigReader({
          distributionHub: {
            rollouts: {
              leaseSeconds: 45,
              concurrency: 8,
              stageTimeoutMinutes: 2.5,
              workerEnabled: false,
            },
          },
        }),
      ),
    ).toEqual({
      workerEnabled: false,
      engine: { leaseMs: 45_000, concurrency: 8, stageTimeoutMs: 150_000 },
    });
  });

  it('keeps the defaults when nothing is set', () => {
    expect(readRolloutConfig(new ConfigReader({}))).toEqual({
      workerEnabled: true,
      engine: {},
    });
  });

  it('refuses values the engine cannot work with', () => {
    const read = (rollouts: object) => () =>
      readRolloutConfig(new ConfigReader({ distributionHub: { rollouts } }));
    expect(read({ leaseSeconds: 0 })).toThrow(
      'distributionHub.rollouts.leaseSeconds must be more than 0 and at most 3600, not 0',
    );
    expect(read({ concurrency: 2.5 })).toThrow(/must be a whole number/);
    expect(read({ stageTimeoutMinutes: -1 })).toThrow(/stageTimeoutMinutes/);
    expect(read({ concurrency: 'many' })).toThrow(/concurrency/);
  });
});
