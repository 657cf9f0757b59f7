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
import { Config } from '@backstage/config';
import { RolloutEngineOptions } from './RolloutEngine';

/** The `distributionHub.rollouts` settings. */
export interface RolloutConfig {
  /** Whether this replica runs the rollout worker. */
  workerEnabled: boolean;
  engine: Partial<RolloutEngineOptions>;
}

function positive(config: Config | undefined, key: string, max: number) {
  const value = config?.getOptionalNumber(key);
  if (value !== undefined && !(value > 0 && value <= max)) {
    throw new Error(
      `distributionHub.rollouts.${key} must be more than 0 and at most ${max}, not ${value}`,
    );
  }
  return value;
}

/** Reads `distributionHub.rollouts`; absent settings keep the engine's defaults. */
export function readRolloutConfig(root: Config): RolloutConfig {
  const config = root.getOptionalConfig('distributionHub.rollouts');
  const leaseSeconds = positive(config, 'leaseSeconds', 3600);
  const concurrency = positive(config, 'concurrency', 1000);
  const stageTimeoutMinutes = positive(config, 'stageTimeoutMinutes', 24 * 60);
  if (concurrency !== undefined && !Number.isInteger(concurrency)) {
    throw new Error(
      `distributionHub.rollouts.concurrency must be a whole number, not ${concurrency}`,
    );
  }
  return {
    workerEnabled: config?.getOptionalBoolean('workerEnabled') ?? true,
    engine: {
      ...(leaseSeconds !== undefined ? { leaseMs: leaseSeconds * 1000 } : {}),
      ...(concurrency !== undefined ? { concurrency } : {}),
      ...(stageTimeoutMinutes !== undefined
        ? { stageTimeoutMs: stageTimeoutMinutes * 60_000 }
        : {}),
    },
  };
}
