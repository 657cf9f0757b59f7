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
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import {
  INSTALLATION_KIND,
  Release,
  rolloutCreatePermission,
} from '@sdh/plugin-distribution-hub-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { representativeInstallations } from '../../hooks/useInstallationPermission';
import { InstallationPermissionButton } from '../InstallationPermissionButton';

/** Why a release cannot be rolled out now, or undefined if it can. */
export function rolloutBlocker(release: Release): string | undefined {
  switch (release.status) {
    case 'rescinded':
      return 'The release is rescinded';
    case 'on-hold':
      return 'The release is on hold; resume it first';
    case 'draft':
      return 'Only a release that is Ready for release can be rolled out';
    default:
      return release.locked ? undefined : 'Lock the requirements first';
  }
}

/**
 * One installation per tenant and tier from the catalog, to ask the
 * permission policy about (its rules look at tenant and tier); undefined
 * while the catalog is read.
 */
function useInstallationSample(): string[] | undefined {
  const catalogApi = useApi(catalogApiRef);
  const { value, error } = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: INSTALLATION_KIND },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'spec.tenant',
        'spec.tier',
      ],
    });
    return items.map(entity => {
      const spec = (entity.spec ?? {}) as { tenant?: string; tier?: string };
      let tenantRef = String(spec.tenant ?? '');
      try {
        tenantRef = stringifyEntityRef(
          parseEntityRef(tenantRef, {
            defaultKind: 'tenant',
            defaultNamespace: entity.metadata.namespace ?? 'default',
          }),
        );
      } catch {
        // Kept as written; it only groups installations.
      }
      return {
        installationRef: stringifyEntityRef(entity),
        tenantRef,
        tier: String(spec.tier ?? ''),
      };
    });
  }, [catalogApi]);
  return useMemo(
    () =>
      value || error ? representativeInstallations(value ?? []) : undefined,
    [value, error],
  );
}

/**
 * "Start rollout": disabled, with the reason, unless the release is Ready
 * for release with locked requirements and the user may roll out to some
 * installation.
 */
export function StartRolloutButton(props: {
  release: Release;
  onClick(): void;
}) {
  const { release, onClick } = props;
  const sample = useInstallationSample();
  return (
    <InstallationPermissionButton
      permission={rolloutCreatePermission}
      // No sample yet would read as "nothing to check": wait for it.
      installationRefs={sample ?? []}
      disabled={!sample}
      require="any"
      action="start rollouts"
      disabledReason={rolloutBlocker(release)}
      variant="contained"
      color="primary"
      startIcon={<PlayArrowIcon />}
      onClick={onClick}
    >
      Start rollout
    </InstallationPermissionButton>
  );
}
