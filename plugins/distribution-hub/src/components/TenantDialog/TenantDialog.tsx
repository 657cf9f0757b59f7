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
import { FormEvent, useMemo, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import {
  DISTRIBUTION_HUB_API_VERSION,
  EntityProblem,
  PortalEntityRecord,
  TenantEntityV1alpha1,
  validateTenantEntity,
} from '@sdh/plugin-distribution-hub-common';
import useAsync from 'react-use/esm/useAsync';
import { distributionHubApiRef } from '../../api';
import {
  ENTITY_ID_MAX_LENGTH,
  EntityRefPicker,
  EntityRefsPicker,
  entityIdProblems,
  isUnder,
  lengthProblems,
  problemsAt,
  problemText,
  serverErrorMessage,
  serverProblems,
  slugify,
  TenantManageButton,
} from './formSupport';

/** @public */
export interface TenantDialogProps {
  open: boolean;
  onClose: () => void;
  /** Called with the tenant as the server saved it. */
  onSaved: (record: PortalEntityRecord<TenantEntityV1alpha1>) => void;
  /** A tenant created in the portal, to edit; a new tenant when left out. */
  existing?: PortalEntityRecord<TenantEntityV1alpha1>;
}

const TITLE_ID = 'tenant-dialog-title';

/** The form's fields, each with the entity path its problems are under. */
const FIELDS = {
  id: 'metadata.name',
  title: 'metadata.title',
  description: 'metadata.description',
  owner: 'spec.owner',
  contacts: 'spec.contacts',
  ring: 'spec.ring',
} as const;

type Field = keyof typeof FIELDS;

interface TenantForm {
  id: string;
  title: string;
  description: string;
  owner: string;
  contacts: string[];
  ring: string;
}

function initialForm(
  existing?: PortalEntityRecord<TenantEntityV1alpha1>,
): TenantForm {
  const entity = existing?.entity;
  return {
    id: entity?.metadata.name ?? '',
    title: entity?.metadata.title ?? '',
    description: entity?.metadata.description ?? '',
    owner: entity?.spec.owner ?? '',
    contacts: entity?.spec.contacts ?? [],
    ring: entity?.spec.ring ?? '',
  };
}

/** The entity the form describes, as the server would build it. */
export function tenantEntityOf(form: TenantForm): TenantEntityV1alpha1 {
  const title = form.title.trim();
  const description = form.description.trim();
  const owner = form.owner.trim();
  const ring = form.ring.trim();
  return {
    apiVersion: DISTRIBUTION_HUB_API_VERSION,
    kind: 'Tenant',
    metadata: {
      name: form.id,
      ...(title ? { title } : {}),
      ...(description ? { description } : {}),
    },
    spec: {
      ...(owner ? { owner } : {}),
      ...(form.contacts.length > 0 ? { contacts: form.contacts } : {}),
      ...(ring ? { ring } : {}),
    } as TenantEntityV1alpha1['spec'],
  };
}

/**
 * Creates a tenant in the portal, or edits one created there: its ID (a
 * lower-case slug, fixed once created), display name, description, owner,
 * points of contact and rollout ring. Every field is checked as it is
 * typed with the same rules as catalog YAML; the server's refusal is shown
 * next to the field it is about.
 *
 * @public
 */
export function TenantDialog(props: TenantDialogProps) {
  const { open, onClose, onSaved, existing } = props;
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
      maxWidth="sm"
    >
      {/* The form lives only while the dialog is open, so it opens fresh. */}
      <TenantFormContent
        existing={existing}
        onCancel={close}
        onSaved={onSaved}
        saving={saving}
        setSaving={setSaving}
      />
    </Dialog>
  );
}

function TenantFormContent(props: {
  existing?: PortalEntityRecord<TenantEntityV1alpha1>;
  onCancel: () => void;
  onSaved: (record: PortalEntityRecord<TenantEntityV1alpha1>) => void;
  saving: boolean;
  setSaving: (saving: boolean) => void;
}) {
  const { existing, onCancel, onSaved, saving, setSaving } = props;
  const editing = Boolean(existing);
  const api = useApi(distributionHubApiRef);
  const catalogApi = useApi(catalogApiRef);
  const [form, setForm] = useState<TenantForm>(() => initialForm(existing));
  const [idEdited, setIdEdited] = useState(editing);
  const [touched, setTouched] = useState<Set<Field>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [refusal, setRefusal] = useState<EntityProblem[]>([]);

  // The IDs already taken, to say so before the server does.
  const { value: takenIds } = useAsync(async () => {
    if (editing) {
      return new Set<string>();
    }
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Tenant' },
      fields: ['metadata.name', 'metadata.namespace'],
    });
    return new Set(
      items
        .filter(e => (e.metadata.namespace ?? 'default') === 'default')
        .map(e => e.metadata.name),
    );
  }, [catalogApi, editing]);

  const problems = useMemo(() => {
    const found: EntityProblem[] = [];
    if (!editing) {
      found.push(...entityIdProblems('Tenant ID', form.id));
      if (takenIds?.has(form.id)) {
        found.push({
          path: FIELDS.id,
          rule: 'taken',
          message: `A tenant with the ID "${form.id}" already exists`,
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
      ...validateTenantEntity(tenantEntityOf(form)),
    );
    return found;
  }, [editing, form, takenIds]);

  const fieldOf = (path: string): Field | undefined =>
    (Object.keys(FIELDS) as Field[]).find(field =>
      isUnder(path, FIELDS[field]),
    );
  const shown = [
    ...problems.filter(p => {
      const field = fieldOf(p.path);
      return submitted || (field !== undefined && touched.has(field));
    }),
    ...refusal,
  ];
  const at = (field: Field) => problemsAt(shown, FIELDS[field]);
  const general = shown.filter(p => fieldOf(p.path) === undefined);

  const touch = (field: Field) =>
    setTouched(current =>
      current.has(field) ? current : new Set(current).add(field),
    );
  const change = (field: Field, value: string | string[]) => {
    setForm(current => ({ ...current, [field]: value }));
    setRefusal([]);
    touch(field);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (problems.length > 0 || saving) {
      return;
    }
    const entity = tenantEntityOf(form);
    setSaving(true);
    setRefusal([]);
    try {
      const record = existing
        ? await api.updateTenant(
            existing.entity.metadata.name,
            {
              title: entity.metadata.title ?? '',
              description: entity.metadata.description ?? '',
              owner: entity.spec.owner,
              contacts: entity.spec.contacts ?? [],
              ring: entity.spec.ring ?? '',
            },
            { revision: existing.revision },
          )
        : await api.createTenant({
            id: form.id,
            owner: entity.spec.owner,
            ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
            ...(entity.metadata.description
              ? { description: entity.metadata.description }
              : {}),
            ...(entity.spec.contacts ? { contacts: entity.spec.contacts } : {}),
            ...(entity.spec.ring ? { ring: entity.spec.ring } : {}),
          });
      setSaving(false);
      onSaved(record);
    } catch (error) {
      setSaving(false);
      setRefusal(serverProblems(serverErrorMessage(error)));
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <DialogTitle id={TITLE_ID}>
        {existing
          ? `Edit tenant ${existing.entity.metadata.name}`
          : 'New tenant'}
      </DialogTitle>
      <DialogContent>
        {general.length > 0 && (
          <Alert severity="error" role="alert">
            {problemText(general)}
          </Alert>
        )}
        <TextField
          id="tenant-id"
          label="Tenant ID"
          value={form.id}
          onChange={e => {
            setIdEdited(true);
            change('id', e.target.value);
          }}
          error={at('id').length > 0}
          helperText={problemText(
            at('id'),
            editing
              ? 'IDs are immutable: a tenant keeps its ID for good.'
              : `A lower-case slug (a–z, 0–9, '-'), at most ${ENTITY_ID_MAX_LENGTH} characters; it cannot be changed later.`,
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
          id="tenant-title"
          label="Display name"
          value={form.title}
          onChange={e => {
            const title = e.target.value;
            change('title', title);
            if (!idEdited) {
              setForm(current => ({ ...current, id: slugify(title) }));
            }
          }}
          error={at('title').length > 0}
          helperText={problemText(
            at('title'),
            'How the tenant reads in lists, e.g. Flareup.xyz; defaults to the ID.',
          )}
          fullWidth
          margin="normal"
          disabled={saving}
        />
        <TextField
          id="tenant-description"
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
          id="tenant-owner"
          label="Owner"
          kind="Group"
          value={form.owner}
          onChange={value => change('owner', value)}
          onBlur={() => touch('owner')}
          problems={at('owner')}
          helperText="The group that looks after the tenant."
          disabled={saving}
        />
        <EntityRefsPicker
          id="tenant-contacts"
          label="Contacts"
          kind="User"
          values={form.contacts}
          onChange={values => change('contacts', values)}
          problems={at('contacts')}
          helperText="The tenant's points of contact; optional."
          disabled={saving}
        />
        <TextField
          id="tenant-ring"
          label="Ring"
          value={form.ring}
          onChange={e => change('ring', e.target.value)}
          error={at('ring').length > 0}
          helperText={problemText(
            at('ring'),
            'Optional rollout ring for waves, e.g. canary.',
          )}
          inputProps={{ spellCheck: false, autoCapitalize: 'none' }}
          fullWidth
          margin="normal"
          disabled={saving}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} disabled={saving}>
          Cancel
        </Button>
        <TenantManageButton
          action="manage tenants"
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
