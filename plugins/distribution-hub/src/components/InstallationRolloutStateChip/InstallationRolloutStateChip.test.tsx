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
import { render, screen } from '@testing-library/react';
import { TARGET_STATES } from '@sdh/plugin-distribution-hub-common';
import { describeFailure } from './describeFailure';
import {
  InstallationRolloutStateChip,
  TARGET_STATE_LABELS,
} from './InstallationRolloutStateChip';
import { TargetStateNote } from './TargetStateNote';

describe('InstallationRolloutStateChip', () => {
  it.each([
    ['pending', 'Yet to trigger'],
    ['ongoing', 'Ongoing'],
    ['completed', 'Completed'],
    ['failed', 'Failed'],
    ['cancelled', 'Cancelled'],
    ['rolled-back', 'Rolled back'],
  ] as const)('shows %s as %s', (state, label) => {
    render(<InstallationRolloutStateChip state={state} />);

    expect(screen.getByText(label)).toBeInTheDocument();
  });

  it('has a label for every target state', () => {
    expect(Object.keys(TARGET_STATE_LABELS).sort()).toEqual(
      [...TARGET_STATES].sort(),
    );
  });
});

describe('describeFailure', () => {
  it('names the stage, application, environment and reason in one line', () => {
    expect(
      describeFailure({
        stage: 1,
        stageName: 'Frontend',
        application: 'component:default/web',
        environment: { cluster: 'demo-eu', namespace: 'acme-prod' },
        reason: 'ProgressDeadlineExceeded',
      }),
    ).toBe(
      'Stage 2 (Frontend): web on demo-eu / acme-prod: ProgressDeadlineExceeded',
    );
    expect(
      describeFailure({
        stage: 0,
        application: 'component:billing/invoices',
        environment: { cluster: 'demo-us', namespace: 'x' },
        reason: 'cluster unreachable',
      }),
    ).toBe('Stage 1: billing/invoices on demo-us / x: cluster unreachable');
  });
});

describe('TargetStateNote', () => {
  const failure = {
    stage: 0,
    application: 'component:default/web',
    environment: { cluster: 'demo-eu', namespace: 'acme-prod' },
    reason: 'ProgressDeadlineExceeded',
  };

  it('says where and why a target failed, rather than what it did', () => {
    render(<TargetStateNote target={{ failure, detail: 'Applying web' }} />);

    expect(
      screen.getByText(
        'Stage 1: web on demo-eu / acme-prod: ProgressDeadlineExceeded',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('Applying web')).not.toBeInTheDocument();
  });

  it('says what a target does, or nothing', () => {
    const { container, rerender } = render(
      <TargetStateNote target={{ detail: 'Applying web' }} />,
    );
    expect(screen.getByText('Applying web')).toBeInTheDocument();

    rerender(<TargetStateNote target={{}} />);
    expect(container).toBeEmptyDOMElement();
  });
});
