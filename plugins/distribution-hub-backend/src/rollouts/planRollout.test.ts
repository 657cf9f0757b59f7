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
  InstallationEntityV1alpha1,
  TenantEntityV1alpha1,
} from '@sdh/plugin-distribution-hub-common';
import { planRollout } from './planRollout';

const tenant = (name: string, ring?: string): TenantEntityV1alpha1 => ({
  apiVersion: 'distribution-hub.io/v1alpha1',
  kind: 'Tenant',
  metadata: { name, namespace: 'default' },
  spec: { owner: 'group:default/cs', ...(ring ? { ring } : {}) },
});

const installation = (
  name: string,
  tenantName: string,
  tier: InstallationEntityV1alpha1['spec']['tier'],
  annotations?: Record<string, string>,
): InstallationEntityV1alpha1 => ({
  apiVersion: 'distribution-hub.io/v1alpha1',
  kind: 'Installation',
  metadata: {
    name,
    namespace: 'default',
    ...(annotations ? { annotations } : {}),
  },
  spec: {
    tenant: tenantName,
    owner: 'group:default/cs',
    tier,
    environments: [{ cluster: 'demo-eu', namespace: name }],
  },
});

const tenants = [
  tenant('flareup', 'canary'),
  tenant('globex'),
  tenant('initech'),
];
const installations = [
  installation('flareup-prod', 'flareup', 'production'),
  installation('flareup-qa', 'flareup', 'qa'),
  installation('globex-prod', 'tenant:default/globex', 'production'),
  installation('globex-dev', 'globex', 'development'),
  installation('initech-prod', 'initech', 'production'),
];

describe('planRollout', () => {
  it('selects by installation, tenant, tier or ring, any of them', () => {
    const plan = planRollout(
      {
        targets: {
          installations: ['globex-dev'],
          tiers: ['qa'],
          rings: ['canary'],
        },
      },
      installations,
      tenants,
    );
    expect(plan.targets.map(t => t.installationRef)).toEqual([
      'installation:default/flareup-prod',
      'installation:default/flareup-qa',
      'installation:default/globex-dev',
    ]);
    expect(plan.waves).toEqual([{ name: 'All', bakeMinutes: 0, size: 3 }]);
    expect(plan.targets[0]).toMatchObject({
      tenantRef: 'tenant:default/flareup',
      ring: 'canary',
      environments: [{ cluster: 'demo-eu', namespace: 'flareup-prod' }],
    });
  });

  it('selects everything with an empty selector', () => {
    expect(
      planRollout({ targets: {} }, installations, tenants).targets,
    ).toHaveLength(5);
  });

  it('puts targets in the first wave that selects them and the rest last', () => {
    const plan = planRollout(
      {
        targets: {},
        waves: [
          { name: 'Canary', select: { rings: ['canary'] }, bakeMinutes: 30 },
          { name: 'Non-production', select: { tiers: ['qa', 'development'] } },
        ],
      },
      installations,
      tenants,
    );
    expect(plan.waves).toEqual([
      { name: 'Canary', bakeMinutes: 30, size: 2 },
      { name: 'Non-production', bakeMinutes: 0, size: 1 },
      { name: 'Everyone else', bakeMinutes: 0, size: 2 },
    ]);
    expect(
      plan.targets.map(t => [t.installationRef.split('/')[1], t.wave]),
    ).toEqual([
      ['flareup-prod', 0],
      ['flareup-qa', 0],
      ['globex-dev', 1],
      ['globex-prod', 2],
      ['initech-prod', 2],
    ]);
  });

  it('reports every problem of a request at once, naming the field', () => {
    expect(() =>
      planRollout(
        {
          targets: { installations: ['nope'], tenants: ['acme'] },
          waves: [{ select: { tenants: ['ghost'] } }],
          notBefore: 'tomorrow',
          failureThreshold: { percent: 150 },
        },
        installations,
        tenants,
      ),
    ).toThrow(
      'Invalid rollout: targets.installations[0] "nope" is not an installation in the catalog; targets.tenants[0] "acme" is not a tenant in the catalog; waves[0].select.tenants[0] "ghost" is not a tenant in the catalog; notBefore "tomorrow" is not a date and time (ISO 8601); failureThreshold.percent must be more than 0 and at most 100',
    );
  });

  it('refuses a rollout that selects nothing, or a wave that takes no target', () => {
    expect(() =>
      planRollout({ targets: { rings: ['beta'] } }, installations, tenants),
    ).toThrow('targets select no installation');
    expect(() =>
      planRollout(
        {
          targets: { tiers: ['production'] },
          waves: [{ select: { tiers: ['qa'] } }],
        },
        installations,
        tenants,
      ),
    ).toThrow("waves[0] selects none of the rollout's targets");
  });

  it('skips installations with an environment conflict and says why', () => {
    const conflicted = installation('copy', 'globex', 'qa', {
      'distribution-hub.io/environment-conflicts':
        'demo-eu/globex-prod is already claimed by installation:default/globex-prod',
    });
    const plan = planRollout(
      { targets: { tenants: ['globex'] } },
      [...installations, conflicted],
      tenants,
    );
    expect(plan.targets).toHaveLength(2);
    expect(plan.skipped).toEqual([
      {
        installationRef: 'installation:default/copy',
        reason:
          'demo-eu/globex-prod is already claimed by installation:default/globex-prod',
      },
    ]);
  });
});
