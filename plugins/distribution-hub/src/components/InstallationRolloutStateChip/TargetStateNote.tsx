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
import Typography from '@material-ui/core/Typography';
import { RolloutTarget } from '@sdh/plugin-distribution-hub-common';
import { describeFailure } from './describeFailure';

/**
 * What goes below a target's state: where and why it failed, in red, or
 * else what it is doing, in grey; nothing when neither is known.
 */
export function TargetStateNote(props: {
  target: Pick<RolloutTarget, 'failure' | 'detail'>;
}) {
  const { failure, detail } = props.target;
  if (failure) {
    return (
      <Typography variant="body2" color="error">
        {describeFailure(failure)}
      </Typography>
    );
  }
  if (detail) {
    return (
      <Typography variant="body2" color="textSecondary">
        {detail}
      </Typography>
    );
  }
  return null;
}
