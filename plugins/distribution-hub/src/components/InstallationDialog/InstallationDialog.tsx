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
import { FormEvent, useEffect, useMemo, useState } from 'react';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  DISTRIBUTION_HUB_API_VERSION,
  EntityProblem,
  INSTALLATION_TIERS,
  InstallationEntityV1alpha1,
  InstallationTier,
  isInstallationEntity,
  isTenantEntity,
  PortalEntityRecord,
  validateInstallationEntity,
} from '@sdh/plugin-distribution-hub-common';
import useAsync from 'react-use/esm/useAsync';
import { distributionHubApiRef } from '../../api';
import {
  ENTITY_ID_MAX_LENGTH,
  EntityRefPicker,
  entityIdProblems,
  isUnder,
  lengthProblems,
  normalizeEntityRef,
  problemsAt,
  problemText,
  serverErrorMessage,
  serverProblems,
  slugify,
  TenantManageButton,
} from '../TenantDialog/formSupport';
import { EnvironmentRow, EnvironmentsEditor } from './EnvironmentsEditor';
import {
  localTimeZone,
  MaintenanceWindowsEditor,
  sortDays,
  WindowRow,
} from './MaintenanceWindowsEditor';

/** @public */
export interface InstallationDialogProps {
  open: boolean;
  onClose: () => void;
  /** Called with the installation as the server saved it. */
  onSaved: (record: PortalEntityRecord<InstallationEntityV1alpha1>) => void;
  /** The tenant the installation belongs to, e.g. tenant:default/flareup. */
  tenantRef: string;
  /** An installation created in the portal, to edit; a new one when left out. */
  existing?: PortalEntityRecord<InstallationEntityV1alpha1>;
}

const TITLE_ID = 'installation-dialog-title';

const FIELDS = {
  id: 'metadata.name',
  title: 'metadata.title',
  description: 'metadata.description',
  owner: 'spec.owner',
  tier: 'spec.tier',
} as const;

type Field = keyof typeof FIELDS;

/** Sections with their own places for problems. */
const SECTIONS = ['spec.environments', 'spec.maintenanceWindows'];

interface InstallationForm {
  id: string;
  title: string;
  description: string;
  owner: string;
  tier: InstallationTier | '';
  environments: EnvironmentRow[];
  windows: WindowRow[];
}

let lastRowKey = 0;
const nextRowKey = () => {
  lastRowKey += 1;
  return lastRowKey;
};

function emptyEnvironment(cluster = ''): EnvironmentRow {
  return { key: nextRowKey(), cluster, namespace: '', touched: {} };
}

function emptyWindow(): WindowRow {
  return {
    key: nextRowKey(),
    days: [],
    start: '',
    end: '',
    timezone: localTimeZone(),
    touched: {},
  };
}

function initialForm(
  existing?: PortalEntityRecord<InstallationEntityV1alpha1>,
): InstallationForm {
  const entity = existing?.entity;
  return {
    id: entity?.metadata.name ?? '',
    title: entity?.metadata.title ?? '',
    description: entity?.metadata.description ?? '',
    owner: entity?.spec.owner ?? '',
    tier: entity?.spec.tier ?? '',
    environments: entity?.spec.environments.length
      ? entity.spec.environments.map(env => ({
          key: nextRowKey(),
          cluster: env.cluster,
          namespace: env.namespace,
          touched: {},
        }))
      : [emptyEnvironment()],
    windows: (entity?.spec.maintenanceWindows ?? []).map(w => ({
      key: nextRowKey(),
      days: sortDays(w.days),
      start: w.start,
      end: w.end,
      timezone: w.timezone,
      touched: {},
    })),
  };
}

/** The entity the form describes, as the server would build it. */
export function installationEntityOf(
  form: InstallationForm,
  tenant: string,
): InstallationEntityV1alpha1 {
  const title = form.title.trim();
  const description = form.description.trim();
  const owner = form.owner.trim();
  return {
    apiVersion: DISTRIBUTION_HUB_API_VERSION,
    kind: 'Installation',
    metadata: {
      name: form.id,
      ...(title ? { title } : {}),
      ...(description ? { description } : {}),
    },
    spec: {
      tenant,
      ...(owner ? { owner } : {}),
      ...(form.tier ? { tier: form.tier } : {}),
      environments: form.environments.map(row => ({
        cluster: row.cluster,
        namespace: row.namespace,
      })),
      ...(form.windows.length > 0
        ? {
            maintenanceWindows: form.windows.map(w => ({
              days: w.days,
              start: w.start.trim(),
              end: w.end.trim(),
              timezone: w.timezone.trim(),
            })),
          }
        : {}),
    } as InstallationEntityV1alpha1['spec'],
  };
}

/** What the catalog and the portal already hold, besides this installation. */
interface OtherInstallations {
  /** "cluster/namespace" → the installation that has it. */
  mapped: Map<string, string>;
  /** IDs taken in the default namespace, where the portal creates. */
  ids: Set<string>;
}

function otherInstallations(
  catalog: Entity[],
  portal: PortalEntityRecord<InstallationEntityV1alpha1>[],
  self?: string,
): OtherInstallations {
  const mapped = new Map<string, string>();
  const ids = new Set<string>();
  const entities = [...catalog, ...portal.map(record => record.entity)];
  for (const entity of entities) {
    if (!isInstallationEntity(entity)) {
      continue;
    }
    const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
    if (ref === self) {
      continue;
    }
    const namespace = entity.metadata.namespace ?? 'default';
    const name =
      namespace === 'default'
        ? entity.metadata.name
        : `${namespace}/${entity.metadata.name}`;
    if (namespace === 'default') {
      ids.add(entity.metadata.name);
    }
    for (const env of entity.spec.environments ?? []) {
      const key = `${env.cluster}/${env.namespace}`;
      if (!mapped.has(key)) {
        mapped.set(key, name);
      }
    }
  }
  return { mapped, ids };
}

/** The server's refusal, placed on the environment row it names. */
function installationServerProblems(
  message: string,
  rows: EnvironmentRow[],
): EntityProblem[] {
  const env = /The environment (.+?)\/([^\s/]+) is already mapped/.exec(
    message,
  );
  if (env) {
    const index = rows.findIndex(
      row => row.cluster === env[1] && row.namespace === env[2],
    );
    if (index >= 0) {
      return [
        {
          path: `spec.environments[${index}].namespace`,
          rule: 'server',
          message,
        },
      ];
    }
  }
  return serverProblems(message);
}

/**
 * Creates an installation of a tenant in the portal, or edits one created
 * there: its ID (fixed once created), display name, owner, tier, the
 * environments it runs in (a registered cluster and a namespace each; an
 * environment another installation has is refused, naming it) and its
 * maintenance windows. Every field is checked as it is typed with the same
 * rules as catalog YAML.
 *
 * @public
 */
export function InstallationDialog(props: InstallationDialogProps) {
  const { open, onClose, onSaved, tenantRef, existing } = props;
  const [saving, setSaving] = useState(false);
  const close = () => {
    if (!saving) {
      onClose();
    }
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      aria-labelledby={TITLE_ID}
      fullWidth
      maxWidth="md"
    >
      {/* The form lives only while the dialog is open, so it opens fresh. */}
      <InstallationFormContent
        tenantRef={tenantRef}
        existing={existing}
        onCancel={close}
        onSaved={onSaved}
        saving={saving}
        setSaving={setSaving}
      />
    </Dialog>
  );
}

function InstallationFormContent(props: {
  tenantRef: string;
  existing?: PortalEntityRecord<InstallationEntityV1alpha1>;
  onCancel: () => void;
  onSaved: (record: PortalEntityRecord<InstallationEntityV1alpha1>) => void;
  saving: boolean;
  setSaving: (saving: boolean) => void;
}) {
  const { tenantRef, existing, onCancel, onSaved, saving, setSaving } = props;
  const editing = Boolean(existing);
  const api = useApi(distributionHubApiRef);
  const catalogApi = useApi(catalogApiRef);
  const [form, setForm] = useState<InstallationForm>(() =>
    initialForm(existing),
  );
  const [idEdited, setIdEdited] = useState(editing);
  const [touched, setTouched] = useState<Set<Field>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [refusal, setRefusal] = useState<EntityProblem[]>([]);

  // An existing installation keeps its tenant as written.
  const tenant = existing?.entity.spec.tenant ?? tenantRef;
  const selfRef = existing
    ? stringifyEntityRef(existing.entity).toLocaleLowerCase('en-US')
    : undefined;

  const clusters = useAsync(() => api.listClusters(), [api]);
  // A tenant just created in the portal may not be in the catalog yet.
  const tenantEntity = useAsync(async () => {
    const fromCatalog = await catalogApi.getEntityByRef(tenantRef);
    if (fromCatalog) {
      return fromCatalog;
    }
    const portal = await api.listPortalTenants().catch(() => []);
    return portal.find(
      record => stringifyEntityRef(record.entity) === tenantRef,
    )?.entity;
  }, [api, catalogApi, tenantRef]);
  const others = useAsync(async () => {
    const [catalog, portal] = await Promise.all([
      catalogApi.getEntities({ filter: { kind: 'Installation' } }),
      // The portal's own list covers what the catalog has not picked up yet.
      api.listPortalInstallations().catch(() => []),
    ]);
    return otherInstallations(catalog.items, portal, selfRef);
  }, [api, catalogApi, selfRef]);

  // A new installation is looked after by the tenant's owner, at first.
  const tenantOwner = isTenantEntity(tenantEntity.value)
    ? tenantEntity.value.spec.owner
    : undefined;
  useEffect(() => {
    if (!editing && tenantOwner) {
      const owner = normalizeEntityRef(tenantOwner, 'Group');
      setForm(current =>
        current.owner === '' ? { ...current, owner } : current,
      );
    }
  }, [editing, tenantOwner]);

  // With a single registered cluster there is nothing to choose.
  const onlyCluster =
    clusters.value?.length === 1 ? clusters.value[0] : undefined;
  useEffect(() => {
    if (onlyCluster) {
      setForm(current => ({
        ...current,
        environments: current.environments.map(row =>
          row.cluster ? row : { ...row, cluster: onlyCluster },
        ),
      }));
    }
  }, [onlyCluster]);

  const problems = useMemo(() => {
    const found: EntityProblem[] = [];
    if (!editing) {
      found.push(...entityIdProblems('Installation ID', form.id));
      if (others.value?.ids.has(form.id)) {
        found.push({
          path: FIELDS.id,
          rule: 'taken',
          message: `An installation with the ID "${form.id}" already exists`,
        });
      }
    }
    found.push(
      ...lengthProblems(FIELDS.title, 'Display name', form.title, 200),
      ...lengthProblems(
        FIELDS.description,
        'Description',
        form.description,
        10_000,
      ),
      ...validateInstallationEntity(installationEntityOf(form, tenant)),
    );
    form.environments.forEach((row, index) => {
      const path = `spec.environments[${index}]`;
      const registered = clusters.value;
      if (row.cluster && registered && !registered.includes(row.cluster)) {
        found.push({
          path: `${path}.cluster`,
          rule: 'registered-cluster',
          message: `Cluster "${row.cluster}" is not registered; registered: ${
            registered.join(', ') || 'none'
          }`,
        });
      }
      const holder = others.value?.mapped.get(
        `${row.cluster}/${row.namespace}`,
      );
      if (row.cluster && row.namespace && holder) {
        found.push({
          path: `${path}.namespace`,
          rule: 'mapped',
          message: `Already mapped to installation ${holder}`,
        });
      }
    });
    return found;
  }, [editing, form, tenant, clusters.value, others.value]);

  const fieldOf = (path: string): Field | undefined =>
    (Object.keys(FIELDS) as Field[]).find(field =>
      isUnder(path, FIELDS[field]),
    );
  const isVisible = (problem: EntityProblem): boolean => {
    if (submitted || problem.rule === 'mapped') {
      return true;
    }
    const item =
      /^spec\.(environments|maintenanceWindows)\[(\d+)\](?:\.(\w+))?/.exec(
        problem.path,
      );
    if (item) {
      const rows: Array<{ touched: Record<string, boolean | undefined> }> =
        item[1] === 'environments' ? form.environments : form.windows;
      const row = rows[Number(item[2])];
      if (!row) {
        return false;
      }
      return item[3]
        ? Boolean(row.touched[item[3]])
        : Object.values(row.touched).some(Boolean);
    }
    const field = fieldOf(problem.path);
    return field !== undefined && touched.has(field);
  };
  const shown = [...problems.filter(isVisible), ...refusal];
  const at = (field: Field) => problemsAt(shown, FIELDS[field]);
  const general = shown.filter(
    p =>
      fieldOf(p.path) === undefined &&
      !SECTIONS.some(section => isUnder(p.path, section)),
  );

  const touch = (field: Field) =>
    setTouched(current =>
      current.has(field) ? current : new Set(current).add(field),
    );
  const change = (
    field: Field,
    value: string,
    also?: Partial<InstallationForm>,
  ) => {
    setForm(current => ({ ...current, [field]: value, ...also }));
    setRefusal([]);
    touch(field);
  };
  const changeForm = (patch: Partial<InstallationForm>) => {
    setForm(current => ({ ...current, ...patch }));
    setRefusal([]);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (problems.length > 0 || saving) {
      return;
    }
    const entity = installationEntityOf(form, tenant);
    const { spec, metadata } = entity;
    setSaving(true);
    setRefusal([]);
    try {
      const record = existing
        ? await api.updateInstallation(
            existing.entity.metadata.name,
            {
              title: metadata.title ?? '',
              description: metadata.description ?? '',
              owner: spec.owner,
              tier: spec.tier,
              environments: spec.environments,
              maintenanceWindows: spec.maintenanceWindows ?? [],
            },
            { revision: existing.revision },
          )
        : await api.createInstallation({
            id: form.id,
            tenant,
            owner: spec.owner,
            tier: spec.tier,
            environments: spec.environments,
            ...(metadata.title ? { title: metadata.title } : {}),
            ...(metadata.description
              ? { description: metadata.description }
              : {}),
            ...(spec.maintenanceWindows
              ? { maintenanceWindows: spec.maintenanceWindows }
              : {}),
          });
      setSaving(false);
      onSaved(record);
    } catch (error) {
      setSaving(false);
      setRefusal(
        installationServerProblems(
          serverErrorMessage(error),
          form.environments,
        ),
      );
    }
  };

  const tenantName =
    tenantEntity.value?.metadata.title ??
    tenantEntity.value?.metadata.name ??
    tenantRef;

  return (
    <form onSubmit={submit} noValidate>
      <DialogTitle id={TITLE_ID}>
        {existing
          ? `Edit installation ${existing.entity.metadata.name}`
          : 'New installation'}
      </DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="textSecondary">
          Tenant: {tenantName}
          {tenantName !== tenantRef ? ` (${tenantRef})` : ''}
        </Typography>
        {general.length > 0 && (
          <Alert severity="error" role="alert">
            {problemText(general)}
          </Alert>
        )}
        <TextField
          id="installation-id"
          label="Installation ID"
          value={form.id}
          onChange={e => {
            setIdEdited(true);
            change('id', e.target.value);
          }}
          error={at('id').length > 0}
          helperText={problemText(
            at('id'),
            editing
              ? 'IDs are immutable: an installation keeps its ID for good.'
              : `A lower-case slug (a–z, 0–9, '-'), at most ${ENTITY_ID_MAX_LENGTH} characters, e.g. flareup-prod; it cannot be changed later.`,
          )}
          InputProps={{ readOnly: editing }}
          inputProps={{
            spellCheck: false,
            autoCapitalize: 'none',
            autoComplete: 'off',
            'aria-readonly': editing || undefined,
          }}
          fullWidth
          margin="normal"
          disabled={saving}
        />
        <TextField
          id="installation-title"
          label="Display name"
          value={form.title}
          onChange={e => {
            const title = e.target.value;
            change('title', title, idEdited ? {} : { id: slugify(title) });
          }}
          error={at('title').length > 0}
          helperText={problemText(
            at('title'),
            'How the installation reads in lists, e.g. Flareup Prod.',
          )}
          fullWidth
          margin="normal"
          disabled={saving}
        />
        <TextField
          id="installation-description"
          label="Description"
          value={form.description}
          onChange={e => change('description', e.target.value)}
          error={at('description').length > 0}
          helperText={problemText(at('description'), 'Optional.')}
          multiline
          minRows={2}
          fullWidth
          margin="normal"
          disabled={saving}
        />
        <EntityRefPicker
          id="installation-owner"
          label="Owner"
          kind="Group"
          value={form.owner}
          onChange={value => change('owner', value)}
          onBlur={() => touch('owner')}
          problems={at('owner')}
          helperText="The group that looks after the installation."
          disabled={saving}
        />
        <TextField
          id="installation-tier"
          select
          label="Tier"
          value={form.tier}
          onChange={e => change('tier', e.target.value)}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          error={at('tier').length > 0}
          helperText={problemText(
            at('tier'),
            'Rollouts can target installations by tier.',
          )}
          fullWidth
          margin="normal"
          disabled={saving}
        >
          <option value="">Choose a tier</option>
          {INSTALLATION_TIERS.map(tier => (
            <option key={tier} value={tier}>
              {tier}
            </option>
          ))}
        </TextField>
        <EnvironmentsEditor
          rows={form.environments}
          onChange={environments => changeForm({ environments })}
          onAdd={() =>
            changeForm({
              environments: [
                ...form.environments,
                emptyEnvironment(
                  form.environments[form.environments.length - 1]?.cluster ??
                    onlyCluster,
                ),
              ],
            })
          }
          clusters={clusters.value}
          clustersError={clusters.error}
          problems={problemsAt(shown, 'spec.environments')}
          disabled={saving}
        />
        <MaintenanceWindowsEditor
          windows={form.windows}
          onChange={windows => changeForm({ windows })}
          onAdd={() =>
            changeForm({ windows: [...form.windows, emptyWindow()] })
          }
          problems={problemsAt(shown, 'spec.maintenanceWindows')}
          disabled={saving}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} disabled={saving}>
          Cancel
        </Button>
        <TenantManageButton
          action="manage installations"
          type="submit"
          color="primary"
          variant="contained"
          disabled={saving}
          startIcon={
            saving ? <CircularProgress size={16} color="inherit" /> : null
          }
        >
          Save
        </TenantManageButton>
      </DialogActions>
    </form>
  );
}
