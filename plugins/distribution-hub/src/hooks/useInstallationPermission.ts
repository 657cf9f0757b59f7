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
import { useApi } from '@backstage/core-plugin-api';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { useEffect, useMemo, useState } from 'react';

/** At most this many installations are asked about for one button. */
export const MAX_PERMISSION_CHECKS = 50;

/** @public */
export interface InstallationPermissionResult {
  loading: boolean;
  allowed: boolean;
}

/**
 * Whether the user may take an action that the hub checks per installation
 * (the rollout permissions are resource permissions on installations, which
 * a policy may grant for some tenants or tiers only).
 *
 * `require: 'any'` allows when at least one of the installations is allowed
 * (e.g. starting a rollout, which may target only those), `'all'` when every
 * one is (e.g. pausing a rollout, which the server checks for all of its
 * installations). Only the first {@link MAX_PERMISSION_CHECKS} refs are
 * asked about; pass one installation per tenant and tier, which is what a
 * policy's rules look at. Without refs there is nothing to ask, and the
 * server has the last word.
 */
export function useInstallationPermission(
  permission: ResourcePermission,
  installationRefs: readonly string[],
  require: 'any' | 'all',
): InstallationPermissionResult {
  const permissionApi = useApi(permissionApiRef);
  const refs = useMemo(
    () => [...new Set(installationRefs)].sort().slice(0, MAX_PERMISSION_CHECKS),
    [installationRefs],
  );
  const key = JSON.stringify([permission.name, require, refs]);
  const [result, setResult] = useState<InstallationPermissionResult>({
    loading: true,
    allowed: false,
  });

  useEffect(() => {
    if (refs.length === 0) {
      setResult({ loading: false, allowed: true });
      return undefined;
    }
    let cancelled = false;
    Promise.all(
      refs.map(resourceRef =>
        permissionApi.authorize({ permission, resourceRef }),
      ),
    ).then(
      decisions => {
        if (cancelled) {
          return;
        }
        const allowed = decisions.map(d => d.result === AuthorizeResult.ALLOW);
        setResult({
          loading: false,
          allowed:
            require === 'any' ? allowed.some(Boolean) : allowed.every(Boolean),
        });
      },
      () => !cancelled && setResult({ loading: false, allowed: false }),
    );
    return () => {
      cancelled = true;
    };
    // The key covers the permission, the mode and the refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [permissionApi, key]);

  // While other installations are asked about, the last answer stands
  // rather than flickering the button; the server has the last word anyway.
  return { loading: result.loading, allowed: result.allowed };
}

/**
 * One installation per tenant and tier among the given ones: what a
 * policy's rules (tenant, tier) can tell apart, to ask the policy about.
 */
export function representativeInstallations(
  installations: ReadonlyArray<{
    installationRef: string;
    tenantRef: string;
    tier: string;
  }>,
): string[] {
  const seen = new Map<string, string>();
  for (const i of installations) {
    const group = `${i.tenantRef} ${i.tier}`;
    if (!seen.has(group)) {
      seen.set(group, i.installationRef);
    }
  }
  return [...seen.values()];
}
