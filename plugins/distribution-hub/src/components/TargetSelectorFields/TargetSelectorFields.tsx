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
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import Autocomplete from '@material-ui/lab/Autocomplete';
import {
  INSTALLATION_TIERS,
  InstallationTier,
  TENANT_KIND,
  INSTALLATION_KIND,
} from '@sdh/plugin-distribution-hub-common';
import useAsync from 'react-use/esm/useAsync';
import { CatalogEntitiesPicker } from './CatalogEntitiesPicker';
import { SelectorForm } from './selectorForm';

/** @public */
export interface TargetSelectorFieldsProps {
  /** Names the group of fields, e.g. "Rollout targets" or "Wave 1 targets". */
  label: string;
  value: SelectorForm;
  onChange(value: SelectorForm): void;
  disabled?: boolean;
  /** What is wrong with the selection as a whole. */
  error?: string;
}

const useStyles = makeStyles(theme => ({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))',
    gap: theme.spacing(1.5),
  },
  error: {
    gridColumn: '1 / -1',
    color: theme.palette.error.main,
    ...theme.typography.caption,
  },
}));

/** The rings tenants are in, from the catalog's facets. */
function useRings(): string[] {
  const catalogApi = useApi(catalogApiRef);
  const { value } = useAsync(async () => {
    const { facets } = await catalogApi.getEntityFacets({
      filter: { kind: TENANT_KIND },
      facets: ['spec.ring'],
    });
    return (facets['spec.ring'] ?? []).map(f => f.value).sort();
  }, [catalogApi]);
  return value ?? [];
}

/**
 * Which installations to take, by tenant, tier, ring or installation (any
 * criterion matches): catalog-backed pickers for tenants and installations,
 * the tiers, and the rings the catalog's tenants are in.
 *
 * @public
 */
export function TargetSelectorFields(props: TargetSelectorFieldsProps) {
  const { label, value, onChange, disabled, error } = props;
  const classes = useStyles();
  const rings = useRings();

  return (
    <div role="group" aria-label={label} className={classes.grid}>
      <CatalogEntitiesPicker
        kind={TENANT_KIND}
        label="Tenants"
        placeholder="Search tenants"
        value={value.tenants}
        onChange={tenants => onChange({ ...value, tenants })}
        disabled={disabled}
        error={Boolean(error)}
      />
      <Autocomplete<InstallationTier, true>
        multiple
        disabled={disabled}
        options={[...INSTALLATION_TIERS]}
        value={value.tiers}
        filterSelectedOptions
        onChange={(_event, tiers) => onChange({ ...value, tiers })}
        renderTags={(tiers, getTagProps) =>
          tiers.map((tier, index) => (
            <Chip
              {...getTagProps({ index })}
              key={tier}
              size="small"
              label={tier}
            />
          ))
        }
        renderInput={params => (
          <TextField
            {...params}
            label="Tiers"
            size="small"
            variant="outlined"
            error={Boolean(error)}
          />
        )}
      />
      <Autocomplete<string, true>
        multiple
        disabled={disabled}
        options={rings}
        value={value.rings}
        filterSelectedOptions
        noOptionsText="No tenant is in a ring"
        onChange={(_event, picked) => onChange({ ...value, rings: picked })}
        renderTags={(picked, getTagProps) =>
          picked.map((ring, index) => (
            <Chip
              {...getTagProps({ index })}
              key={ring}
              size="small"
              label={ring}
            />
          ))
        }
        renderInput={params => (
          <TextField
            {...params}
            label="Rings"
            size="small"
            variant="outlined"
            error={Boolean(error)}
          />
        )}
      />
      <CatalogEntitiesPicker
        kind={INSTALLATION_KIND}
        label="Installations"
        placeholder="Search installations"
        value={value.installations}
        onChange={installations => onChange({ ...value, installations })}
        disabled={disabled}
        error={Boolean(error)}
      />
      {error && (
        <div className={classes.error} role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
