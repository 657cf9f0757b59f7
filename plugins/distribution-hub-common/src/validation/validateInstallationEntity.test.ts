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
import { validateInstallationEntity } from './validateInstallationEntity';
import { EntityProblem } from './types';

type Loose = Record<string, unknown>;

function validWindow(): Loose {
  return {
    days: ['sat', 'sun'],
    start: '02:00',
    end: '05:00',
    timezone: 'Europe/Berlin',
  };
}

function validInstallation() {
  return {
    apiVersion: 'distribution-hub.io/v1alpha1',
    kind: 'Installation',
    metadata: { name: 'flareup-prod' },
    spec: {
      tenant: 'flareup',
      owner: 'group:customer-success',
      tier: 'production',
      environments: [{ cluster: 'demo-eu', namespace: 'flareup-prod' }],
      maintenanceWindows: [validWindow()],
    } as Loose,
  };
}

/** A valid installation with some spec fields replaced (undefined removes one). */
function installationWith(spec: Loose) {
  const installation = validInstallation();
  for (const [key, value] of Object.entries(spec)) {
    if (value === undefined) {
      delete installation.spec[key];
    } else {
      installation.spec[key] = value;
    }
  }
  return installation;
}

/** A valid installation whose only environment has the given namespace. */
function withNamespace(namespace: unknown) {
  return installationWith({
    environments: [{ cluster: 'demo-eu', namespace }],
  });
}

/** A valid installation whose only window has some fields replaced. */
function withWindow(fields: Loose) {
  return installationWith({
    maintenanceWindows: [{ ...validWindow(), ...fields }],
  });
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

describe('validateInstallationEntity', () => {
  it('finds no problem in a valid installation', () => {
    expect(validateInstallationEntity(validInstallation())).toEqual([]);
  });

  it('accepts an installation without maintenance windows', () => {
    expect(
      validateInstallationEntity(
        installationWith({ maintenanceWindows: undefined }),
      ),
    ).toEqual([]);
  });

  describe('tenant', () => {
    it('reports a missing tenant', () => {
      expectOnlyProblem(
        validateInstallationEntity(installationWith({ tenant: undefined })),
        {
          path: 'spec.tenant',
          rule: 'required',
          wording: ['spec.tenant is missing'],
        },
      );
    });

    it('reports an empty tenant', () => {
      expectOnlyProblem(
        validateInstallationEntity(installationWith({ tenant: '' })),
        {
          path: 'spec.tenant',
          rule: 'required',
          wording: ['spec.tenant must not be empty'],
        },
      );
    });

    it('reports a tenant reference of the wrong kind', () => {
      const problems = validateInstallationEntity(
        installationWith({ tenant: 'group:foo' }),
      );
      expectOnlyProblem(problems, {
        path: 'spec.tenant',
        rule: 'reference-kind',
        wording: ['"group:foo"', 'must reference a Tenant, not a group'],
      });
      expect(problems[0].message).toContain(
        'write it as "name", "tenant:name" or "tenant:namespace/name"',
      );
    });

    it.each(['tenant:', ':flareup', 'tenant:/flareup', 'flareup/'])(
      'reports the unparseable reference %j',
      tenant => {
        expectOnlyProblem(
          validateInstallationEntity(installationWith({ tenant })),
          {
            path: 'spec.tenant',
            rule: 'reference-form',
            wording: [
              `"${tenant}"`,
              'is not an entity reference',
              '"name", "tenant:name" or "tenant:namespace/name"',
            ],
          },
        );
      },
    );

    it.each([
      ['too many separators', 'a:b:c/d/e'],
      ['too many separators after the tenant kind', 'tenant:b:c/d/e'],
      ['a space in the name', 'tenant:flare up'],
      ['a name longer than 63 characters', `tenant:${'f'.repeat(64)}`],
      ['a name ending in a dash', 'flareup-'],
    ])('reports a malformed reference with %s', (_, tenant) => {
      expectOnlyProblem(
        validateInstallationEntity(installationWith({ tenant })),
        {
          path: 'spec.tenant',
          rule: 'reference-form',
          wording: [`"${tenant}"`, 'is not a valid entity reference'],
        },
      );
    });

    it.each([
      'flareup',
      'tenant:flareup',
      'tenant:default/flareup',
      'Tenant:other-namespace/flareup',
      'flare_up.eu',
    ])('accepts the tenant reference %j', tenant => {
      expect(validateInstallationEntity(installationWith({ tenant }))).toEqual(
        [],
      );
    });

    it('reports a tenant that is not a string', () => {
      expectOnlyProblem(
        validateInstallationEntity(installationWith({ tenant: 7 })),
        {
          path: 'spec.tenant',
          rule: 'type',
          wording: ['must be a string', 'got 7'],
        },
      );
    });
  });

  describe('owner', () => {
    it('reports a missing owner', () => {
      expectOnlyProblem(
        validateInstallationEntity(installationWith({ owner: undefined })),
        {
          path: 'spec.owner',
          rule: 'required',
          wording: ['spec.owner is missing'],
        },
      );
    });

    it('reports an owner that is not a Group or User', () => {
      expectOnlyProblem(
        validateInstallationEntity(
          installationWith({ owner: 'tenant:flareup' }),
        ),
        {
          path: 'spec.owner',
          rule: 'reference-kind',
          wording: ['must reference a Group or User, not a tenant'],
        },
      );
    });

    it('accepts a user as owner', () => {
      expect(
        validateInstallationEntity(
          installationWith({ owner: 'user:jane.doe' }),
        ),
      ).toEqual([]);
    });
  });

  describe('tier', () => {
    it.each(['production', 'staging', 'qa', 'development'])(
      'accepts the tier %s',
      tier => {
        expect(validateInstallationEntity(installationWith({ tier }))).toEqual(
          [],
        );
      },
    );

    it.each(['prod', 'Production', ''])(
      'reports the tier %j outside the allowed set',
      tier => {
        expectOnlyProblem(
          validateInstallationEntity(installationWith({ tier })),
          {
            path: 'spec.tier',
            rule: 'allowed-values',
            wording: [
              'must be one of production, staging, qa, development',
              `got "${tier}"`,
            ],
          },
        );
      },
    );

    it('reports a missing tier', () => {
      expectOnlyProblem(
        validateInstallationEntity(installationWith({ tier: undefined })),
        {
          path: 'spec.tier',
          rule: 'required',
          wording: ['spec.tier is missing'],
        },
      );
    });
  });

  describe('environments', () => {
    it.each([
      ['upper case', 'Flareup-prod'],
      ['an underscore', 'flareup_prod'],
      ['a leading dash', '-flareup'],
      ['a trailing dash', 'flareup-'],
      ['a dot', 'flareup.prod'],
    ])('reports a namespace with %s, not a DNS-1123 label', (_, namespace) => {
      expectOnlyProblem(validateInstallationEntity(withNamespace(namespace)), {
        path: 'spec.environments[0].namespace',
        rule: 'pattern',
        wording: [`"${namespace}"`, 'is not a DNS-1123 label'],
      });
    });

    it('reports a namespace of 64 characters, accepts one of 63', () => {
      const long = 'n'.repeat(64);
      expectOnlyProblem(validateInstallationEntity(withNamespace(long)), {
        path: 'spec.environments[0].namespace',
        rule: 'max-length',
        wording: [`"${long}"`, 'is longer than 63 characters'],
      });
      expect(validateInstallationEntity(withNamespace('n'.repeat(63)))).toEqual(
        [],
      );
    });

    it('accepts single-character and digit namespaces', () => {
      expect(validateInstallationEntity(withNamespace('a'))).toEqual([]);
      expect(validateInstallationEntity(withNamespace('0-9'))).toEqual([]);
    });

    it('reports an environment listed twice', () => {
      expectOnlyProblem(
        validateInstallationEntity(
          installationWith({
            environments: [
              { cluster: 'demo-eu', namespace: 'flareup-prod' },
              { cluster: 'demo-us', namespace: 'flareup-prod' },
              { cluster: 'demo-eu', namespace: 'flareup-prod' },
            ],
          }),
        ),
        {
          path: 'spec.environments[2]',
          rule: 'duplicate',
          wording: [
            'repeats the environment demo-eu/flareup-prod',
            'already listed at spec.environments[0]',
          ],
        },
      );
    });

    it('reports an empty environments list', () => {
      expectOnlyProblem(
        validateInstallationEntity(installationWith({ environments: [] })),
        {
          path: 'spec.environments',
          rule: 'min-items',
          wording: ['must list at least 1 item'],
        },
      );
    });

    it('reports environments given as a string', () => {
      expectOnlyProblem(
        validateInstallationEntity(
          installationWith({ environments: 'demo-eu/flareup-prod' }),
        ),
        {
          path: 'spec.environments',
          rule: 'type',
          wording: ['must be a list', 'got "demo-eu/flareup-prod"'],
        },
      );
    });

    it('reports an environment without a cluster', () => {
      expectOnlyProblem(
        validateInstallationEntity(
          installationWith({ environments: [{ namespace: 'flareup-prod' }] }),
        ),
        {
          path: 'spec.environments[0].cluster',
          rule: 'required',
          wording: ['spec.environments[0].cluster is missing'],
        },
      );
    });

    it('reports an unknown field of an environment', () => {
      expectOnlyProblem(
        validateInstallationEntity(
          installationWith({
            environments: [
              { cluster: 'demo-eu', namespace: 'flareup-prod', region: 'eu' },
            ],
          }),
        ),
        {
          path: 'spec.environments[0].region',
          rule: 'unknown-field',
          wording: ['is not a known field of spec.environments[0]'],
        },
      );
    });
  });

  describe('maintenance windows', () => {
    it.each(['UTC', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney'])(
      'accepts the time zone %s',
      timezone => {
        expect(validateInstallationEntity(withWindow({ timezone }))).toEqual(
          [],
        );
      },
    );

    it.each(['Europe/Atlantis', 'Mars/Olympus_Mons', 'CEST+1'])(
      'reports the unknown time zone %s',
      timezone => {
        expectOnlyProblem(
          validateInstallationEntity(withWindow({ timezone })),
          {
            path: 'spec.maintenanceWindows[0].timezone',
            rule: 'time-zone',
            wording: [`"${timezone}"`, 'is not a known IANA time zone'],
          },
        );
      },
    );

    it.each([
      ['start', '2:00'],
      ['start', '24:00'],
      ['end', '12:60'],
      ['end', '5 am'],
      ['start', '02:00:00'],
    ])('reports %s %j, not a time written HH:MM', (field, time) => {
      const path = `spec.maintenanceWindows[0].${field}`;
      expectOnlyProblem(
        validateInstallationEntity(withWindow({ [field]: time })),
        {
          path,
          rule: 'pattern',
          wording: [`"${time}"`, 'is not a time of day written HH:MM'],
        },
      );
    });

    it('accepts the extreme times 00:00 and 23:59', () => {
      expect(
        validateInstallationEntity(
          withWindow({ start: '23:59', end: '00:00' }),
        ),
      ).toEqual([]);
    });

    it('accepts a window that ends before it starts (runs past midnight)', () => {
      expect(
        validateInstallationEntity(
          withWindow({ start: '22:00', end: '01:00' }),
        ),
      ).toEqual([]);
    });

    it('reports a window whose start equals its end', () => {
      expectOnlyProblem(
        validateInstallationEntity(
          withWindow({ start: '03:00', end: '03:00' }),
        ),
        {
          path: 'spec.maintenanceWindows[0].end',
          rule: 'window-length',
          wording: ['must differ from start (03:00)'],
        },
      );
    });

    it('reports an unknown weekday', () => {
      expectOnlyProblem(
        validateInstallationEntity(withWindow({ days: ['sat', 'Sunday'] })),
        {
          path: 'spec.maintenanceWindows[0].days[1]',
          rule: 'allowed-values',
          wording: [
            'must be one of sun, mon, tue, wed, thu, fri, sat',
            'got "Sunday"',
          ],
        },
      );
    });

    it('reports a repeated weekday', () => {
      expectOnlyProblem(
        validateInstallationEntity(withWindow({ days: ['sat', 'sun', 'sat'] })),
        {
          path: 'spec.maintenanceWindows[0].days[2]',
          rule: 'duplicate',
          wording: [
            'repeats the day "sat"',
            'already listed at spec.maintenanceWindows[0].days[0]',
          ],
        },
      );
    });

    it('reports a window without days', () => {
      expectOnlyProblem(validateInstallationEntity(withWindow({ days: [] })), {
        path: 'spec.maintenanceWindows[0].days',
        rule: 'min-items',
        wording: ['must list at least 1 item'],
      });
    });

    it('reports a window missing its time zone', () => {
      const window = validWindow();
      delete window.timezone;
      expectOnlyProblem(
        validateInstallationEntity(
          installationWith({ maintenanceWindows: [window] }),
        ),
        {
          path: 'spec.maintenanceWindows[0].timezone',
          rule: 'required',
          wording: ['spec.maintenanceWindows[0].timezone is missing'],
        },
      );
    });

    it('reports the problems of the second window at its own index', () => {
      const problems = validateInstallationEntity(
        installationWith({
          maintenanceWindows: [
            validWindow(),
            { ...validWindow(), timezone: 'Nowhere/Town' },
          ],
        }),
      );
      expectOnlyProblem(problems, {
        path: 'spec.maintenanceWindows[1].timezone',
        rule: 'time-zone',
        wording: ['"Nowhere/Town"'],
      });
    });
  });

  it('reports an unknown field in spec', () => {
    expectOnlyProblem(
      validateInstallationEntity(installationWith({ ring: 'canary' })),
      {
        path: 'spec.ring',
        rule: 'unknown-field',
        wording: ['spec.ring is not a known field of spec'],
      },
    );
  });

  it('reports every problem at once', () => {
    const problems = validateInstallationEntity(
      installationWith({
        tenant: 'group:foo',
        tier: 'prod',
        environments: [
          { cluster: 'demo-eu', namespace: 'Flareup_Prod' },
          { cluster: 'demo-eu', namespace: 'Flareup_Prod' },
        ],
        maintenanceWindows: [
          {
            days: ['sat', 'sat', 'someday'],
            start: '2:00',
            end: '05:00',
            timezone: 'Europe/Atlantis',
          },
          { ...validWindow(), start: '04:00', end: '04:00' },
        ],
        color: 'blue',
      }),
    );
    expect(problems.map(p => `${p.path} ${p.rule}`).sort()).toEqual(
      [
        'spec.color unknown-field',
        'spec.tier allowed-values',
        'spec.environments[0].namespace pattern',
        'spec.environments[1].namespace pattern',
        'spec.maintenanceWindows[0].days[2] allowed-values',
        'spec.maintenanceWindows[0].start pattern',
        'spec.tenant reference-kind',
        'spec.environments[1] duplicate',
        'spec.maintenanceWindows[0].timezone time-zone',
        'spec.maintenanceWindows[0].days[1] duplicate',
        'spec.maintenanceWindows[1].end window-length',
      ].sort(),
    );
  });

  it('reports a wrong kind, missing metadata and missing spec', () => {
    const { metadata, spec, ...rest } = validInstallation();
    const problems = validateInstallationEntity({ ...rest, kind: 'Tenant' });
    expect(problems).toHaveLength(3);
    expect(problems).toEqual(
      expect.arrayContaining([
        {
          path: 'kind',
          rule: 'allowed-values',
          message: 'kind must be one of Installation; got "Tenant"',
        },
        { path: 'metadata', rule: 'required', message: 'metadata is missing' },
        { path: 'spec', rule: 'required', message: 'spec is missing' },
      ]),
    );
  });

  it('reports a value that is not an object instead of throwing', () => {
    for (const value of [undefined, null, 'flareup-prod', []]) {
      const problems = validateInstallationEntity(value);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ path: '', rule: 'type' });
    }
  });
});
