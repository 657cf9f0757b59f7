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
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  ANNOTATION_ENVIRONMENT_CONFLICTS,
  InstallationEntityV1alpha1,
  InstallationEnvironment,
  InstallationTier,
  MaintenanceWindow,
  RolloutRequest,
  TargetSelector,
  TenantEntityV1alpha1,
} from '@sdh/plugin-distribution-hub-common';

/** One installation in a rollout plan. */
export interface PlannedTarget {
  installationRef: string;
  tenantRef: string;
  tier: InstallationTier;
  ring?: string;
  environments: InstallationEnvironment[];
  maintenanceWindows?: MaintenanceWindow[];
  wave: number;
}

/** A wave of the plan, in order. */
export interface PlannedWave {
  name: string;
  bakeMinutes: number;
  size: number;
}

/** An installation the rollout selected but cannot deploy, and why. */
export interface SkippedTarget {
  installationRef: string;
  reason: string;
}

export interface RolloutPlan {
  targets: PlannedTarget[];
  waves: PlannedWave[];
  skipped: SkippedTarget[];
}

function normalise(ref: string, defaultKind: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
  );
}

interface Candidate {
  installationRef: string;
  tenantRef: string;
  tier: InstallationTier;
  ring?: string;
  entity: InstallationEntityV1alpha1;
}

function matches(selector: TargetSelector, candidate: Candidate): boolean {
  const criteria = [
    selector.installations?.map(r => normalise(r, 'Installation')),
    selector.tenants?.map(r => normalise(r, 'Tenant')),
    selector.tiers,
    selector.rings,
  ];
  if (criteria.every(list => !list || list.length === 0)) {
    return true;
  }
  return (
    (selector.installations ?? []).some(
      r => normalise(r, 'Installation') === candidate.installationRef,
    ) ||
    (selector.tenants ?? []).some(
      r => normalise(r, 'Tenant') === candidate.tenantRef,
    ) ||
    (selector.tiers ?? []).includes(candidate.tier) ||
    (candidate.ring !== undefined &&
      (selector.rings ?? []).includes(candidate.ring))
  );
}

/** Refs a selector names explicitly that are not in the catalog. */
function unknownNames(
  path: string,
  selector: TargetSelector,
  installations: Set<string>,
  tenants: Set<string>,
): string[] {
  const problems: string[] = [];
  const check = (
    field: 'installations' | 'tenants',
    kind: string,
    known: Set<string>,
  ) =>
    (selector[field] ?? []).forEach((value, index) => {
      let ref: string;
      try {
        ref = normalise(value, kind);
      } catch {
        problems.push(
          `${path}.${field}[${index}] "${value}" is not an entity reference`,
        );
        return;
      }
      if (!known.has(ref)) {
        problems.push(
          `${path}.${field}[${index}] "${value}" is not ${
            kind === 'Installation' ? 'an installation' : 'a tenant'
          } in the catalog`,
        );
      }
    });
  check('installations', 'Installation', installations);
  check('tenants', 'Tenant', tenants);
  return problems;
}

/**
 * Turns a rollout request into the installations it deploys, in waves.
 * Everything wrong with the request is reported at once.
 */
export function planRollout(
  request: RolloutRequest,
  installations: InstallationEntityV1alpha1[],
  tenants: TenantEntityV1alpha1[],
): RolloutPlan {
  const ringOf = new Map(
    tenants.map(t => [stringifyEntityRef(t), t.spec.ring] as const),
  );
  const candidates: Candidate[] = installations.map(entity => {
    const tenantRef = normalise(entity.spec.tenant, 'Tenant');
    return {
      installationRef: stringifyEntityRef(entity),
      tenantRef,
      tier: entity.spec.tier,
      ring: ringOf.get(tenantRef),
      entity,
    };
  });
  const installationRefs = new Set(candidates.map(c => c.installationRef));
  const tenantRefs = new Set(tenants.map(t => stringifyEntityRef(t)));

  const problems = unknownNames(
    'targets',
    request.targets,
    installationRefs,
    tenantRefs,
  );
  (request.waves ?? []).forEach((wave, index) =>
    problems.push(
      ...unknownNames(
        `waves[${index}].select`,
        wave.select,
        installationRefs,
        tenantRefs,
      ),
    ),
  );
  if (
    request.notBefore !== undefined &&
    Number.isNaN(Date.parse(request.notBefore))
  ) {
    problems.push(
      `notBefore "${request.notBefore}" is not a date and time (ISO 8601)`,
    );
  }
  const threshold = request.failureThreshold;
  if (
    threshold &&
    'percent' in threshold &&
    (threshold.percent <= 0 || threshold.percent > 100)
  ) {
    problems.push(
      'failureThreshold.percent must be more than 0 and at most 100',
    );
  }
  if (problems.length > 0) {
    throw new InputError(`Invalid rollout: ${problems.join('; ')}`);
  }

  const selected = candidates.filter(c => matches(request.targets, c));
  const skipped: SkippedTarget[] = [];
  const deployable = selected.filter(c => {
    const conflict =
      c.entity.metadata.annotations?.[ANNOTATION_ENVIRONMENT_CONFLICTS];
    if (conflict) {
      skipped.push({ installationRef: c.installationRef, reason: conflict });
      return false;
    }
    return true;
  });
  if (deployable.length === 0) {
    throw new InputError(
      selected.length === 0
        ? 'Invalid rollout: targets select no installation'
        : 'Invalid rollout: every selected installation has an environment conflict',
    );
  }

  // Each target goes to the first wave that selects it; the rest form a
  // last wave.
  const waveDefs = request.waves ?? [];
  const waveOf = (c: Candidate) => {
    const index = waveDefs.findIndex(w => matches(w.select, c));
    return index === -1 ? waveDefs.length : index;
  };
  const targets = deployable
    .map(c => ({
      installationRef: c.installationRef,
      tenantRef: c.tenantRef,
      tier: c.tier,
      ...(c.ring ? { ring: c.ring } : {}),
      environments: c.entity.spec.environments,
      ...(c.entity.spec.maintenanceWindows
        ? { maintenanceWindows: c.entity.spec.maintenanceWindows }
        : {}),
      wave: waveOf(c),
    }))
    .sort(
      (a, b) =>
        a.wave - b.wave || a.installationRef.localeCompare(b.installationRef),
    );

  const sizes = new Map<number, number>();
  targets.forEach(t => sizes.set(t.wave, (sizes.get(t.wave) ?? 0) + 1));
  const emptyWaves = waveDefs
    .map((_w, index) => index)
    .filter(index => !sizes.has(index));
  if (emptyWaves.length > 0) {
    throw new InputError(
      `Invalid rollout: ${emptyWaves
        .map(index => `waves[${index}] selects none of the rollout's targets`)
        .join('; ')}`,
    );
  }
  const waves: PlannedWave[] = [...sizes.keys()]
    .sort((a, b) => a - b)
    .map(index => ({
      name: waveDefs[index]?.name ?? (index === 0 ? 'All' : 'Everyone else'),
      bakeMinutes: waveDefs[index]?.bakeMinutes ?? 0,
      size: sizes.get(index)!,
    }));
  // Renumber so waves are 0..n-1 even when the trailing wave is implicit.
  const order = [...sizes.keys()].sort((a, b) => a - b);
  return {
    targets: targets.map(t => ({ ...t, wave: order.indexOf(t.wave) })),
    waves,
    skipped,
  };
}
