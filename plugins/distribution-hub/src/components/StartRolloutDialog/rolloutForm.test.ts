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
  buildRolloutRequest,
  hasErrors,
  initialRolloutForm,
  newWave,
  RolloutForm,
} from './rolloutForm';

const NOW = Date.parse('2026-11-20T10:00:00Z');

function form(change: Partial<RolloutForm> = {}): RolloutForm {
  return { ...initialRolloutForm(), ...change };
}

const prod = {
  ref: 'installation:default/flareup-prod',
  title: 'Flareup Prod',
};
const flareup = { ref: 'tenant:default/flareup', title: 'Flareup.xyz' };

describe('buildRolloutRequest', () => {
  it('takes every installation with the defaults', () => {
    const { request, errors } = buildRolloutRequest(form(), NOW);
    expect(errors).toEqual({});
    expect(request).toEqual({
      targets: {},
      maxParallel: 10,
      respectMaintenanceWindows: true,
      autoRollback: false,
    });
  });

  it('sends only the criteria chosen, as refs', () => {
    const { request } = buildRolloutRequest(
      form({
        targets: {
          tenants: [flareup],
          tiers: ['production', 'qa'],
          rings: [],
          installations: [prod],
        },
      }),
      NOW,
    );
    expect(request.targets).toEqual({
      tenants: ['tenant:default/flareup'],
      tiers: ['production', 'qa'],
      installations: ['installation:default/flareup-prod'],
    });
  });

  it('builds waves with names and bake times, and the options', () => {
    const canary = {
      ...newWave(0),
      select: { tenants: [], tiers: [], rings: ['canary'], installations: [] },
      bakeMinutes: '30',
    };
    const { request, errors } = buildRolloutRequest(
      form({
        waves: [canary],
        maxParallel: '25',
        thresholdKind: 'percent',
        threshold: '12.5',
        notBefore: '2026-12-01T08:00',
        respectMaintenanceWindows: false,
        autoRollback: true,
      }),
      NOW,
    );
    expect(errors).toEqual({});
    expect(request).toEqual({
      targets: {},
      waves: [
        { name: 'Canary', select: { rings: ['canary'] }, bakeMinutes: 30 },
      ],
      maxParallel: 25,
      failureThreshold: { percent: 12.5 },
      notBefore: new Date('2026-12-01T08:00').toISOString(),
      respectMaintenanceWindows: false,
      autoRollback: true,
    });
  });

  it('leaves out what is left empty', () => {
    const { request } = buildRolloutRequest(
      form({ maxParallel: '', thresholdKind: 'count', threshold: '3' }),
      NOW,
    );
    expect(request.maxParallel).toBeUndefined();
    expect(request.failureThreshold).toEqual({ count: 3 });
  });

  it.each([
    [{ maxParallel: '0' }, 'maxParallel', 'A whole number from 1 to 1000'],
    [{ maxParallel: '1001' }, 'maxParallel', 'A whole number from 1 to 1000'],
    [{ maxParallel: '2.5' }, 'maxParallel', 'A whole number from 1 to 1000'],
    [
      { thresholdKind: 'count', threshold: '0' },
      'threshold',
      'At least 1 failed installation',
    ],
    [
      { thresholdKind: 'percent', threshold: '150' },
      'threshold',
      'More than 0 and at most 100 percent',
    ],
    [
      { thresholdKind: 'percent', threshold: '' },
      'threshold',
      'More than 0 and at most 100 percent',
    ],
    [
      { notBefore: '2026-01-01T08:00' },
      'notBefore',
      'This time has passed; leave it empty to start now',
    ],
  ] as Array<[Partial<RolloutForm>, string, string]>)(
    'refuses %j',
    (change, field, message) => {
      const { errors } = buildRolloutRequest(form(change), NOW);
      expect(errors[field]).toBe(message);
      expect(hasErrors(errors)).toBe(true);
    },
  );

  it('refuses a wave that selects nothing or a bad bake time', () => {
    const { errors } = buildRolloutRequest(
      form({ waves: [{ ...newWave(0), bakeMinutes: '-5' }] }),
      NOW,
    );
    expect(errors).toEqual({
      'waves.0.select':
        'Choose the tenants, tiers, rings or installations of this wave',
      'waves.0.bakeMinutes': 'Bake time is a whole number of minutes',
    });
  });
});
