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
import installationSchema from '../schema/Installation.v1alpha1.schema.json';
import { schemaProblems } from './schemaProblems';
import { duplicateProblems, isKnownTimeZone, referenceProblems } from './rules';
import { EntityProblem } from './types';

type Loose = Record<string, unknown> | undefined;

function maintenanceWindowProblems(windows: unknown): EntityProblem[] {
  if (!Array.isArray(windows)) {
    return [];
  }
  return windows.flatMap((window: Loose, index) => {
    const path = `spec.maintenanceWindows[${index}]`;
    const problems: EntityProblem[] = [];
    const zone = window?.timezone;
    if (typeof zone === 'string' && zone !== '' && !isKnownTimeZone(zone)) {
      problems.push({
        path: `${path}.timezone`,
        rule: 'time-zone',
        message: `${path}.timezone "${zone}" is not a known IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)`,
      });
    }
    if (typeof window?.start === 'string' && window.start === window?.end) {
      problems.push({
        path: `${path}.end`,
        rule: 'window-length',
        message: `${path}.end must differ from start (${window.start}); a window that ends before it starts runs past midnight`,
      });
    }
    problems.push(
      ...duplicateProblems<unknown>(
        `${path}.days`,
        window?.days,
        d => (typeof d === 'string' ? d : undefined),
        d => `the day "${d}"`,
      ),
    );
    return problems;
  });
}

/**
 * Lists every rule an Installation entity breaks; an empty list means it is
 * valid. Environments claimed by other installations are not checked here:
 * that needs the catalog, see the catalog module.
 *
 * @public
 */
export function validateInstallationEntity(entity: unknown): EntityProblem[] {
  const problems = schemaProblems(installationSchema, entity);
  const spec = (entity as { spec?: Record<string, unknown> })?.spec ?? {};
  problems.push(
    ...referenceProblems('spec.tenant', spec.tenant, {
      defaultKind: 'Tenant',
      allowedKinds: ['Tenant'],
    }),
    ...referenceProblems('spec.owner', spec.owner, {
      defaultKind: 'Group',
      allowedKinds: ['Group', 'User'],
    }),
    ...duplicateProblems<Loose>(
      'spec.environments',
      spec.environments,
      env =>
        typeof env?.cluster === 'string' && typeof env?.namespace === 'string'
          ? `${env.cluster}/${env.namespace}`
          : undefined,
      key => `the environment ${key}`,
    ),
    ...maintenanceWindowProblems(spec.maintenanceWindows),
  );
  return problems;
}
