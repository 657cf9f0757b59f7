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
import tenantSchema from '../schema/Tenant.v1alpha1.schema.json';
import { schemaProblems } from './schemaProblems';
import { duplicateProblems, referenceProblems } from './rules';
import { EntityProblem } from './types';

/**
 * Lists every rule a Tenant entity breaks; an empty list means it is valid.
 *
 * @public
 */
export function validateTenantEntity(entity: unknown): EntityProblem[] {
  const problems = schemaProblems(tenantSchema, entity);
  const spec = (entity as { spec?: Record<string, unknown> })?.spec ?? {};
  problems.push(
    ...referenceProblems('spec.owner', spec.owner, {
      defaultKind: 'Group',
      allowedKinds: ['Group', 'User'],
    }),
  );
  if (Array.isArray(spec.contacts)) {
    spec.contacts.forEach((contact, index) =>
      problems.push(
        ...referenceProblems(`spec.contacts[${index}]`, contact, {
          defaultKind: 'User',
          allowedKinds: ['User'],
        }),
      ),
    );
    problems.push(
      ...duplicateProblems<unknown>(
        'spec.contacts',
        spec.contacts,
        c => (typeof c === 'string' ? c : undefined),
        c => `the contact "${c}"`,
      ),
    );
  }
  return problems;
}
