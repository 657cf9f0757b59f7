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
import { Key, ReactNode, useMemo, useState } from 'react';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Chip, { ChipProps } from '@material-ui/core/Chip';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Autocomplete, {
  createFilterOptions,
} from '@material-ui/lab/Autocomplete';
import {
  EntityProblem,
  tenantManagePermission,
} from '@sdh/plugin-distribution-hub-common';
import useAsync from 'react-use/esm/useAsync';
import {
  PermissionedButton,
  PermissionedButtonProps,
} from '../PermissionedButton';

/*
 * Pieces shared by the tenant and installation dialogs: ID rules, how
 * problems are matched to fields, how a server refusal is read, and the
 * catalog-backed entity pickers.
 */

/** The longest ID the API accepts (a DNS-1123 label). */
export const ENTITY_ID_MAX_LENGTH = 63;

const ENTITY_ID = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Problems with an immutable ID (`metadata.name`) as the API checks it. */
export function entityIdProblems(label: string, id: string): EntityProblem[] {
  const path = 'metadata.name';
  if (id === '') {
    return [{ path, rule: 'required', message: `${label} is required` }];
  }
  if (id.length > ENTITY_ID_MAX_LENGTH) {
    return [
      {
        path,
        rule: 'max-length',
        message: `${label} is longer than ${ENTITY_ID_MAX_LENGTH} characters`,
      },
    ];
  }
  if (!ENTITY_ID.test(id)) {
    return [
      {
        path,
        rule: 'pattern',
        message: `${label} "${id}" is not a lower-case slug: use a–z, 0–9 and '-', starting and ending with a letter or digit`,
      },
    ];
  }
  return [];
}

/** A suggested ID for a display name: "Flareup.xyz Prod" → "flareup-xyz-prod". */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, ENTITY_ID_MAX_LENGTH)
    .replace(/-+$/, '');
}

/** A problem when a free-text field is longer than the API accepts. */
export function lengthProblems(
  path: string,
  label: string,
  value: string,
  max: number,
): EntityProblem[] {
  return value.length > max
    ? [
        {
          path,
          rule: 'max-length',
          message: `${label} is longer than ${max} characters`,
        },
      ]
    : [];
}

/** Whether a path is the given one or below it (a field or an item). */
export function isUnder(path: string, parent: string): boolean {
  return (
    path === parent ||
    path.startsWith(`${parent}.`) ||
    path.startsWith(`${parent}[`)
  );
}

/** The problems at a path or anywhere below it. */
export function problemsAt(
  problems: EntityProblem[],
  path: string,
): EntityProblem[] {
  return problems.filter(p => isUnder(p.path, path));
}

/** Problems as a field's helper text, one message a line. */
export function problemText(
  problems: EntityProblem[],
  fallback?: ReactNode,
): ReactNode {
  if (problems.length === 0) {
    return fallback;
  }
  return (
    <>
      {problems.map((problem, index) => (
        <span key={index} style={{ display: 'block' }}>
          {problem.message}
        </span>
      ))}
    </>
  );
}

export { serverErrorMessage } from '../../lib/serverErrorMessage';

const PROBLEM_PATH = /^((?:apiVersion|kind|metadata|spec)[\w.[\]]*)\s/;

/**
 * A server refusal as problems, each with the path of the field it is
 * about where the message names one (path '' otherwise), so that it can be
 * shown next to that field.
 */
export function serverProblems(message: string): EntityProblem[] {
  const invalid = /^Invalid (?:tenant|installation): ([\s\S]*)$/.exec(message);
  if (invalid) {
    return invalid[1]
      .split(/; (?=(?:apiVersion|kind|metadata|spec)\b)/)
      .map(part => ({
        path: PROBLEM_PATH.exec(part)?.[1] ?? '',
        rule: 'server',
        message: part,
      }));
  }
  if (/with the ID ".*" is already defined in the catalog/.test(message)) {
    return [{ path: 'metadata.name', rule: 'server', message }];
  }
  return [{ path: '', rule: 'server', message }];
}

/** The display text of a catalog entity: profile name, title or name. */
export function entityDisplayName(entity: Entity): string {
  const profile = (entity.spec as { profile?: { displayName?: unknown } })
    ?.profile;
  return typeof profile?.displayName === 'string' && profile.displayName
    ? profile.displayName
    : entity.metadata.title ?? entity.metadata.name;
}

/** An entity offered in a picker. */
export interface EntityOption {
  /** The full entity ref, e.g. group:default/customer-success. */
  ref: string;
  title: string;
}

const NO_OPTIONS: EntityOption[] = [];

/** The catalog's entities of a kind, as picker options. */
export function useEntityOptions(kind: 'Group' | 'User') {
  const catalogApi = useApi(catalogApiRef);
  const { value, loading, error } = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.profile',
      ],
    });
    return items
      .map(entity => ({
        ref: stringifyEntityRef(entity),
        title: entityDisplayName(entity),
      }))
      .sort((a, b) => a.title.localeCompare(b.title));
  }, [catalogApi, kind]);
  return { options: value ?? NO_OPTIONS, loading, error };
}

/** An entity ref in full form, or the text as is when it is not one. */
export function normalizeEntityRef(value: string, defaultKind: string) {
  try {
    return stringifyEntityRef(
      parseEntityRef(value.trim(), {
        defaultKind,
        defaultNamespace: 'default',
      }),
    );
  } catch {
    return value.trim();
  }
}

const filterOptions = createFilterOptions<EntityOption>({
  stringify: option => `${option.title} ${option.ref}`,
});

function optionRef(option: EntityOption | string): string {
  return typeof option === 'string' ? option : option.ref;
}

function OptionText(props: { option: EntityOption }) {
  return (
    <div>
      <Typography variant="body2">{props.option.title}</Typography>
      <Typography variant="caption" color="textSecondary">
        {props.option.ref}
      </Typography>
    </div>
  );
}

function catalogNote(
  kind: string,
  loading: boolean,
  error: Error | undefined,
  missing: string[],
): string | undefined {
  if (loading) {
    return `Loading ${kind.toLocaleLowerCase('en-US')}s from the catalog…`;
  }
  if (error) {
    return `Could not load ${kind.toLocaleLowerCase(
      'en-US',
    )}s from the catalog (${
      error.message
    }); type an entity ref instead, e.g. ${kind.toLocaleLowerCase(
      'en-US',
    )}:default/name`;
  }
  if (missing.length > 0) {
    return `Not in the catalog: ${missing.join(', ')}`;
  }
  return undefined;
}

/** @public */
export interface EntityRefPickerProps {
  id: string;
  label: string;
  /** An entity ref (as picked or typed). */
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  kind: 'Group' | 'User';
  problems: EntityProblem[];
  helperText?: ReactNode;
  disabled?: boolean;
}

/**
 * Picks one catalog entity of a kind; the value is its entity ref. A ref
 * may also be typed, for an entity the catalog does not list.
 */
export function EntityRefPicker(props: EntityRefPickerProps) {
  const { id, label, value, onChange, onBlur, kind, problems, disabled } =
    props;
  const { options, loading, error } = useEntityOptions(kind);
  const [focused, setFocused] = useState(false);
  const selected = useMemo(
    () => options.find(o => o.ref === value) ?? (value === '' ? null : value),
    [options, value],
  );
  // Said once the user has left the field, not while they type.
  const missing =
    !focused &&
    value.trim() !== '' &&
    !options.some(o => o.ref === normalizeEntityRef(value, kind))
      ? [value.trim()]
      : [];
  return (
    <Autocomplete<EntityOption, false, false, true>
      id={id}
      freeSolo
      autoHighlight
      options={options}
      value={selected}
      inputValue={value}
      onInputChange={(_event, text) => onChange(text)}
      onChange={(_event, option) => onChange(option ? optionRef(option) : '')}
      getOptionLabel={(option: EntityOption | string) => optionRef(option)}
      getOptionSelected={(option, current) =>
        optionRef(option) === optionRef(current)
      }
      filterOptions={filterOptions}
      renderOption={option => <OptionText option={option} />}
      loading={loading}
      disabled={disabled}
      onFocus={() => setFocused(true)}
      onBlur={() => {
        setFocused(false);
        onBlur?.();
      }}
      renderInput={params => (
        <TextField
          {...params}
          label={label}
          error={problems.length > 0}
          helperText={problemText(
            problems,
            catalogNote(kind, loading, error, missing) ?? props.helperText,
          )}
          margin="normal"
          fullWidth
        />
      )}
    />
  );
}

/** @public */
export interface EntityRefsPickerProps {
  id: string;
  label: string;
  values: string[];
  onChange: (values: string[]) => void;
  onBlur?: () => void;
  kind: 'Group' | 'User';
  problems: EntityProblem[];
  helperText?: ReactNode;
  disabled?: boolean;
}

/** Picks several catalog entities of a kind; the values are entity refs. */
export function EntityRefsPicker(props: EntityRefsPickerProps) {
  const { id, label, values, onChange, onBlur, kind, problems, disabled } =
    props;
  const { options, loading, error } = useEntityOptions(kind);
  const [focused, setFocused] = useState(false);
  // Stable between renders, or the picker would clear what is being typed.
  const selected = useMemo(
    () => values.map(v => options.find(o => o.ref === v) ?? v),
    [options, values],
  );
  const missing =
    loading || focused
      ? []
      : values.filter(
          v => !options.some(o => o.ref === normalizeEntityRef(v, kind)),
        );
  return (
    <Autocomplete<EntityOption, true, false, true>
      id={id}
      multiple
      freeSolo
      autoHighlight
      filterSelectedOptions
      options={options}
      value={selected}
      onChange={(_event, picked) =>
        onChange(
          picked
            .map(option => optionRef(option).trim())
            .filter(ref => ref !== ''),
        )
      }
      getOptionLabel={(option: EntityOption | string) =>
        typeof option === 'string' ? option : option.title
      }
      getOptionSelected={(option, current) =>
        optionRef(option) === optionRef(current)
      }
      filterOptions={filterOptions}
      renderOption={option => <OptionText option={option} />}
      renderTags={(picked, getTagProps) =>
        picked.map((option, index) => {
          // The key goes on the element, not in a spread.
          const { key: _key, ...tagProps } = getTagProps({
            index,
          }) as ChipProps & { key?: Key };
          return (
            <Chip
              key={optionRef(option)}
              size="small"
              label={typeof option === 'string' ? option : option.title}
              title={optionRef(option)}
              {...tagProps}
            />
          );
        })
      }
      loading={loading}
      disabled={disabled}
      onFocus={() => setFocused(true)}
      onBlur={() => {
        setFocused(false);
        onBlur?.();
      }}
      renderInput={params => (
        <TextField
          {...params}
          label={label}
          error={problems.length > 0}
          helperText={problemText(
            problems,
            catalogNote(kind, loading, error, missing) ?? props.helperText,
          )}
          margin="normal"
          fullWidth
        />
      )}
    />
  );
}

/** @public */
export type TenantManageButtonProps = Omit<
  PermissionedButtonProps,
  'permission'
>;

/**
 * A PermissionedButton for managing tenants and installations: disabled,
 * with a tooltip saying why, without the tenant manage permission.
 */
export function TenantManageButton(props: TenantManageButtonProps) {
  return <PermissionedButton {...props} permission={tenantManagePermission} />;
}
