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
import { ApiError } from '../api/errors';
import {
  labelSelectorFromObject,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from './selectors';

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'front', version: '3' };

  it.each([
    ['app=web', true],
    ['app==web,tier=front', true],
    ['app!=web', false],
    ['app in (api, web)', true],
    ['tier notin (front)', false],
    ['release notin (x)', true],
    ['app', true],
    ['!app', false],
    ['!release', true],
    ['version>2', true],
    ['version<3', false],
    ['app=web,tier in (back,front),!legacy', true],
    ['', true],
  ])('%s matches: %s', (text, expected) => {
    expect(matchesLabels(parseLabelSelector(text), labels)).toBe(expected);
  });

  it('rejects malformed selectors with 400', () => {
    for (const bad of ['==', 'a b', 'version>x']) {
      expect(() => parseLabelSelector(bad)).toThrow(ApiError);
    }
  });

  it('reads a LabelSelector object', () => {
    const selector = labelSelectorFromObject({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['front'] },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    });
    expect(matchesLabels(selector, labels)).toBe(true);
    expect(matchesLabels(selector, { ...labels, legacy: 'yes' })).toBe(false);
  });
});

describe('field selectors', () => {
  it('selects by name and namespace, and pod fields for pods', () => {
    expect(
      matchesFields(
        parseFieldSelector('metadata.name=web', 'deployments'),
        'web',
        'shop',
      ),
    ).toBe(true);
    expect(
      matchesFields(
        parseFieldSelector('metadata.namespace!=shop', 'deployments'),
        'web',
        'shop',
      ),
    ).toBe(false);
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {},
      status: { phase: 'Running' },
    };
    expect(
      matchesFields(
        parseFieldSelector('status.phase=Running', 'pods'),
        'p',
        'shop',
        pod,
      ),
    ).toBe(true);
    expect(() => parseFieldSelector('spec.replicas=1', 'deployments')).toThrow(
      'field label not supported: spec.replicas',
    );
  });
});
