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
import { Rollout, RolloutTarget } from '@sdh/plugin-distribution-hub-common';
import {
  fakeRolloutApi,
  makeRollout,
  PermissionPolicy,
  renderRollouts,
} from '../../RolloutsTab/__testUtils__/rollouts';
import { TargetDrawer } from '../TargetDrawer';

const STAGES = ['1. Backend', '2. Frontend'];

/** Renders the drawer for one target of the fake API's rollout. */
export async function renderDrawer(
  installationRef: string,
  options: {
    api?: ReturnType<typeof fakeRolloutApi>;
    rollout?: Rollout;
    permission?: PermissionPolicy;
  } = {},
) {
  const api = options.api ?? fakeRolloutApi();
  const target = api.targets.find(t => t.installationRef === installationRef);
  const onRetried = jest.fn();
  const onClose = jest.fn();
  await renderRollouts(
    <TargetDrawer
      rollout={options.rollout ?? makeRollout(api.targets)}
      target={target as RolloutTarget}
      titles={
        new Map([
          ['installation:default/flareup-qa', 'Flareup QA'],
          ['tenant:default/flareup', 'Flareup.xyz'],
        ])
      }
      stages={STAGES}
      onClose={onClose}
      onRetried={onRetried}
    />,
    { api, permission: options.permission },
  );
  return { api, onRetried, onClose };
}
