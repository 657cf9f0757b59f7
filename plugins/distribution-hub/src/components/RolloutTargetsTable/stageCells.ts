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

/** Where one stage of a release stands on one installation. */
export type StageCellStatus =
  | 'done'
  | 'ongoing'
  | 'failed'
  | 'waiting'
  | 'cancelled'
  | 'rolled-back';

export const STAGE_CELL_LABELS: Record<StageCellStatus, string> = {
  done: 'Done',
  ongoing: 'Ongoing',
  failed: 'Failed',
  waiting: 'Not started',
  cancelled: 'Stopped',
  'rolled-back': 'Rolled back',
};

/**
 * Where stage `stage` (zero-based) stands on a target: stages before the
 * one it works on are done, that one is ongoing (or failed, or stopped by a
 * cancel), later ones wait; a completed target has every stage done, a
 * pending one none. On a rolled-back target the stages before the failure
 * were put back.
 */
export function stageCellStatus(
  target: Pick<RolloutTarget, 'state' | 'stage' | 'failure'>,
  stage: number,
): StageCellStatus {
  switch (target.state) {
    case 'completed':
      return 'done';
    case 'pending':
      return 'waiting';
    case 'ongoing': {
      const at = target.stage ?? 0;
      if (stage < at) return 'done';
      return stage === at ? 'ongoing' : 'waiting';
    }
    case 'failed':
    case 'rolled-back': {
      const at = target.failure?.stage ?? target.stage ?? 0;
      if (stage > at) return 'waiting';
      if (stage === at) return 'failed';
      return target.state === 'failed' ? 'done' : 'rolled-back';
    }
    case 'cancelled': {
      if (target.stage === undefined) return 'waiting';
      if (stage < target.stage) return 'done';
      return stage === target.stage ? 'cancelled' : 'waiting';
    }
    default:
      return 'waiting';
  }
}
