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
/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectOnlyProblem"] }] */
import { validateTenantEntity } from './validateTenantEntity';
import { EntityProblem } from './types';

function validTenant() {
  return {
    apiVersion: 'distribution-hub.io/v1alpha1',
    kind: 'Tenant',
    metadata: { name: 'flareup' },
    spec: {
      owner: 'group:customer-success',
      contacts: ['user:jane.doe'],
      ring: 'canary',
    } as Record<string, unknown>,
  };
}

/** A valid tenant with some spec fields replaced (undefined removes one). */
function tenantWith(spec: Record<string, unknown>) {
  const tenant = validTenant();
  for (const [key, value] of Object.entries(spec)) {
    if (value === undefined) {
      delete tenant.spec[key];
    } else {
      tenant.spec[key] = value;
    }
  }
  return tenant;
}

/**
 * Asserts that there is exactly one problem, at the given path and of the
 * given rule, and that its message names the field and words the rule.
 */
function expectOnlyProblem(
  problems: EntityProblem[],
  expected: { path: string; rule: string; wording: string[] },
) {
  expect(problems).toHaveLength(1);
  const [problem] = problems;
  expect(problem.path).toBe(expected.path);
  expect(problem.rule).toBe(expected.rule);
  expect(problem.message.startsWith(expected.path)).toBe(true);
  for (const words of expected.wording) {
    expect(problem.message).toContain(words);
  }
}

describe('validateTenantEntity', () => {
  it('finds no problem in a valid tenant', () => {
    expect(validateTenantEntity(validTenant())).toEqual([]);
  });

  it('accepts a tenant with only the required owner', () => {
    expect(
      validateTenantEntity(
        tenantWith({ contacts: undefined, ring: undefined }),
      ),
    ).toEqual([]);
  });

  it('accepts owners of kind User and owners without a kind (Group)', () => {
    expect(
      validateTenantEntity(tenantWith({ owner: 'user:jane.doe' })),
    ).toEqual([]);
    expect(
      validateTenantEntity(tenantWith({ owner: 'customer-success' })),
    ).toEqual([]);
    expect(
      validateTenantEntity(tenantWith({ owner: 'group:default/cs' })),
    ).toEqual([]);
  });

  it('reports a missing owner', () => {
    expectOnlyProblem(validateTenantEntity(tenantWith({ owner: undefined })), {
      path: 'spec.owner',
      rule: 'required',
      wording: ['spec.owner is missing'],
    });
  });

  it('reports an empty owner', () => {
    expectOnlyProblem(validateTenantEntity(tenantWith({ owner: '' })), {
      path: 'spec.owner',
      rule: 'required',
      wording: ['must not be empty'],
    });
  });

  it('reports an owner that is neither a Group nor a User', () => {
    expectOnlyProblem(
      validateTenantEntity(tenantWith({ owner: 'component:backend' })),
      {
        path: 'spec.owner',
        rule: 'reference-kind',
        wording: ['"component:backend"', 'must reference a Group or User'],
      },
    );
  });

  it('reports a missing spec and a missing metadata', () => {
    const { spec, metadata, ...rest } = validTenant();
    const problems = validateTenantEntity(rest);
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'metadata', rule: 'required', message: 'metadata is missing' },
        { path: 'spec', rule: 'required', message: 'spec is missing' },
      ]),
    );
    expect(problems).toHaveLength(2);
  });

  it('reports a wrong apiVersion and kind', () => {
    const problems = validateTenantEntity({
      ...validTenant(),
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
    });
    expect(problems.map(p => [p.path, p.rule])).toEqual([
      ['apiVersion', 'allowed-values'],
      ['kind', 'allowed-values'],
    ]);
    expect(problems[0].message).toBe(
      'apiVersion must be one of distribution-hub.io/v1alpha1; got "backstage.io/v1alpha1"',
    );
    expect(problems[1].message).toBe('kind must be one of Tenant; got "Group"');
  });

  it('reports a contact that is not a User', () => {
    expectOnlyProblem(
      validateTenantEntity(tenantWith({ contacts: ['group:foo'] })),
      {
        path: 'spec.contacts[0]',
        rule: 'reference-kind',
        wording: ['"group:foo"', 'must reference a User, not a group'],
      },
    );
  });

  it('reports the index of the offending contact among valid ones', () => {
    expectOnlyProblem(
      validateTenantEntity(
        tenantWith({ contacts: ['user:jane.doe', 'jim', 'group:ops'] }),
      ),
      {
        path: 'spec.contacts[2]',
        rule: 'reference-kind',
        wording: ['"group:ops"', 'must reference a User'],
      },
    );
  });

  it('reports a malformed contact reference', () => {
    expectOnlyProblem(
      validateTenantEntity(tenantWith({ contacts: ['user:'] })),
      {
        path: 'spec.contacts[0]',
        rule: 'reference-form',
        wording: ['"user:"', 'is not an entity reference', '"user:name"'],
      },
    );
  });

  it('reports a contact listed twice', () => {
    expectOnlyProblem(
      validateTenantEntity(
        tenantWith({
          contacts: ['user:jane.doe', 'user:jim', 'user:jane.doe'],
        }),
      ),
      {
        path: 'spec.contacts[2]',
        rule: 'duplicate',
        wording: [
          'repeats the contact "user:jane.doe"',
          'already listed at spec.contacts[0]',
        ],
      },
    );
  });

  it('reports contacts that are not a list', () => {
    expectOnlyProblem(
      validateTenantEntity(tenantWith({ contacts: 'user:jane.doe' })),
      {
        path: 'spec.contacts',
        rule: 'type',
        wording: ['must be a list', '"user:jane.doe"'],
      },
    );
  });

  it('reports a contact that is not a string', () => {
    expectOnlyProblem(validateTenantEntity(tenantWith({ contacts: [42] })), {
      path: 'spec.contacts[0]',
      rule: 'type',
      wording: ['must be a string', 'got 42'],
    });
  });

  it.each([
    ['upper case', 'Canary'],
    ['an underscore', 'wave_1'],
    ['a leading dash', '-canary'],
    ['a trailing dash', 'canary-'],
    ['a dot', 'wave.1'],
  ])('reports a ring with %s, which is not a DNS label', (_, ring) => {
    expectOnlyProblem(validateTenantEntity(tenantWith({ ring })), {
      path: 'spec.ring',
      rule: 'pattern',
      wording: [`"${ring}"`, 'is not a DNS-1123 label'],
    });
  });

  it('reports a ring longer than a DNS label', () => {
    expectOnlyProblem(
      validateTenantEntity(tenantWith({ ring: 'r'.repeat(64) })),
      {
        path: 'spec.ring',
        rule: 'max-length',
        wording: ['is longer than 63 characters'],
      },
    );
    expect(validateTenantEntity(tenantWith({ ring: 'r'.repeat(63) }))).toEqual(
      [],
    );
  });

  it('reports an unknown field in spec', () => {
    expectOnlyProblem(
      validateTenantEntity(tenantWith({ tier: 'production' })),
      {
        path: 'spec.tier',
        rule: 'unknown-field',
        wording: ['spec.tier is not a known field of spec'],
      },
    );
  });

  it('reports every problem at once', () => {
    const problems = validateTenantEntity({
      ...validTenant(),
      kind: 'Installation',
      spec: {
        owner: 'api:payments',
        contacts: ['group:ops', 'user:jane', 'user:jane'],
        ring: 'Wave_1',
        region: 'eu',
      },
    });
    expect(problems.map(p => `${p.path} ${p.rule}`).sort()).toEqual(
      [
        'kind allowed-values',
        'spec.region unknown-field',
        'spec.ring pattern',
        'spec.owner reference-kind',
        'spec.contacts[0] reference-kind',
        'spec.contacts[2] duplicate',
      ].sort(),
    );
  });

  it('reports a value that is not an object instead of throwing', () => {
    for (const value of [undefined, null, 'flareup', 42]) {
      const problems = validateTenantEntity(value);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ path: '', rule: 'type' });
      expect(problems[0].message).toMatch(/must be an? object/);
    }
  });
});
