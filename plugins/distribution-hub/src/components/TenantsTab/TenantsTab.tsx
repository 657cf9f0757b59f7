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
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import CircularProgress from '@material-ui/core/CircularProgress';
import IconButton from '@material-ui/core/IconButton';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AddIcon from '@material-ui/icons/Add';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import Alert from '@material-ui/lab/Alert';
import {
  InstallationEntityV1alpha1,
  PortalEntityRecord,
  TenantEntityV1alpha1,
} from '@sdh/plugin-distribution-hub-common';
import { distributionHubApiRef } from '../../api';
import { InstallationDialog } from '../InstallationDialog';
import { TenantDialog } from '../TenantDialog';
import { TenantManageButton } from '../TenantDialog/formSupport';
import {
  buildTenantItems,
  displayName,
  EntitySource,
  filterTenantItems,
  InstallationItem,
  isReflected,
  refKey,
  TenantItem,
} from './tenantItems';

/** How often, and how long, to look for a saved entity in the catalog. */
export const CATALOG_POLL_INTERVAL_MS = 1000;
export const CATALOG_POLL_TIMEOUT_MS = 15000;

const COLUMNS = 6;

const useStyles = makeStyles(theme => ({
  root: {
    paddingTop: theme.spacing(2),
  },
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(2),
    padding: theme.spacing(2),
    flexWrap: 'wrap',
  },
  title: { flex: 1 },
  tenantRow: {
    '& > td': {
      borderTop: `2px solid ${theme.palette.divider}`,
    },
  },
  tenantName: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  installationName: {
    paddingLeft: theme.spacing(7),
  },
  actions: {
    whiteSpace: 'nowrap',
    '& > *': { marginLeft: theme.spacing(1) },
  },
}));

interface HubData {
  catalogEntities: Entity[];
  portalTenants: PortalEntityRecord<TenantEntityV1alpha1>[];
  portalInstallations: PortalEntityRecord<InstallationEntityV1alpha1>[];
  /** Why the portal's records could not be read; editing needs them. */
  portalError?: Error;
}

type DialogState =
  | { kind: 'tenant'; existing?: PortalEntityRecord<TenantEntityV1alpha1> }
  | {
      kind: 'installation';
      tenantRef: string;
      existing?: PortalEntityRecord<InstallationEntityV1alpha1>;
    };

interface Notice {
  message: string;
  /** The saved entity, until the catalog shows it as saved. */
  pending?: Entity;
  since: number;
  /** The catalog did not show it within the time we waited. */
  late?: boolean;
}

/** Loads the catalog and the portal's records, keeping the last data. */
function useHubData() {
  const catalogApi = useApi(catalogApiRef);
  const api = useApi(distributionHubApiRef);
  const [state, setState] = useState<{
    data?: HubData;
    error?: Error;
    loading: boolean;
    /** Counts finished loads, so that a poll can follow each. */
    loads: number;
  }>({ loading: true, loads: 0 });
  const [requested, setRequested] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setState(s => ({ ...s, loading: true }));
    (async () => {
      const [tenants, installations, portal] = await Promise.all([
        catalogApi.getEntities({ filter: { kind: 'Tenant' } }),
        catalogApi.getEntities({ filter: { kind: 'Installation' } }),
        Promise.all([api.listPortalTenants(), api.listPortalInstallations()])
          .then(([t, i]) => ({
            tenants: t,
            installations: i,
            error: undefined,
          }))
          .catch((error: Error) => ({
            tenants: [],
            installations: [],
            error,
          })),
      ]);
      return {
        catalogEntities: [...tenants.items, ...installations.items],
        portalTenants: portal.tenants,
        portalInstallations: portal.installations,
        portalError: portal.error,
      };
    })().then(
      data => {
        if (!cancelled) {
          setState(s => ({ data, loading: false, loads: s.loads + 1 }));
        }
      },
      error => {
        if (!cancelled) {
          setState(s => ({
            data: s.data,
            error,
            loading: false,
            loads: s.loads + 1,
          }));
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [catalogApi, api, requested]);

  const reload = useCallback(() => setRequested(n => n + 1), []);
  return { ...state, reload };
}

function SourceBadge(props: { source: EntitySource }) {
  return props.source === 'portal' ? (
    <Chip
      size="small"
      variant="outlined"
      color="primary"
      label="Portal"
      title="Created in the portal"
    />
  ) : (
    <Chip
      size="small"
      variant="outlined"
      label="YAML"
      title="Defined in the catalog (YAML)"
    />
  );
}

function OwnerLink(props: { owner?: string; namespace?: string }) {
  const { owner, namespace } = props;
  if (!owner) {
    return null;
  }
  try {
    const ref = parseEntityRef(owner, {
      defaultKind: 'Group',
      defaultNamespace: namespace ?? 'default',
    });
    return <EntityRefLink entityRef={ref} />;
  } catch {
    return <>{owner}</>;
  }
}

function EntityName(props: {
  entityRef: string;
  entity?: Entity;
  inCatalog: boolean;
}) {
  const { entityRef, entity, inCatalog } = props;
  const name = entity ? displayName(entity) : entityRef;
  return (
    <div>
      {inCatalog ? (
        <EntityRefLink entityRef={entityRef} title={name} />
      ) : (
        <span>{name}</span>
      )}
      {entity && entity.metadata.title && (
        <Typography variant="caption" color="textSecondary" component="div">
          {entity.metadata.name}
        </Typography>
      )}
      {entity && !inCatalog && (
        <Typography variant="caption" color="textSecondary" component="div">
          Not in the catalog yet
        </Typography>
      )}
      {!entity && (
        <Typography variant="caption" color="error" component="div">
          This tenant is not in the catalog
        </Typography>
      )}
    </div>
  );
}

function ReadOnlyNote() {
  return (
    <Typography variant="caption" color="textSecondary">
      Defined in the catalog (YAML)
    </Typography>
  );
}

/**
 * The Release Hub's Tenants tab: every tenant in the catalog with its
 * installations, whether defined in catalog YAML or created in the
 * portal, and the forms to create tenants and installations and to edit
 * those created in the portal. A saved entity reaches the catalog through
 * the hub's entity provider; the tab looks for it for a while and says
 * when it is there.
 *
 * @public
 */
export function TenantsTab() {
  const classes = useStyles();
  const { data, error, loading, loads, reload } = useHubData();
  const [searchParams] = useSearchParams();
  const [filter, setFilter] = useState('');
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const [dialog, setDialog] = useState<DialogState>();
  const [notice, setNotice] = useState<Notice>();
  const [highlight, setHighlight] = useState(() => {
    const param = searchParams.get('highlight');
    return param ? refKey(param) : undefined;
  });

  // After a save, look for the entity in the catalog until it shows up.
  // Derived while rendering so the notice never lags behind the table.
  const pending =
    notice?.pending &&
    !(data && isReflected(data.catalogEntities, notice.pending))
      ? notice.pending
      : undefined;
  useEffect(() => {
    if (!pending || !data) {
      if (notice?.pending && data) {
        // Reflected: stop waiting even if the catalog later drops it.
        setNotice(n => n && { ...n, pending: undefined });
      }
      return undefined;
    }
    if (Date.now() - (notice?.since ?? 0) >= CATALOG_POLL_TIMEOUT_MS) {
      setNotice(n => n && { ...n, pending: undefined, late: true });
      return undefined;
    }
    const timer = setTimeout(reload, CATALOG_POLL_INTERVAL_MS);
    return () => clearTimeout(timer);
    // `loads` makes every finished load schedule the next look.
  }, [pending, data, loads, reload, notice?.since, notice?.pending]);

  const items = useMemo(() => (data ? buildTenantItems(data) : []), [data]);
  const shown = useMemo(
    () => filterTenantItems(items, filter),
    [items, filter],
  );

  const scrollTo = useCallback((row: HTMLTableRowElement | null) => {
    row?.scrollIntoView?.({ block: 'nearest' });
  }, []);

  const onSaved = (
    kind: 'Tenant' | 'Installation',
    record: PortalEntityRecord<Entity>,
    created: boolean,
  ) => {
    const entity = record.entity;
    setDialog(undefined);
    setNotice({
      message: `${kind} ${displayName(entity)} ${
        created ? 'created' : 'saved'
      }.`,
      pending: entity,
      since: Date.now(),
    });
    setHighlight(refKey(stringifyEntityRef(entity)));
    reload();
  };

  const toggle = (ref: string) =>
    setCollapsed(current => {
      const next = new Set(current);
      if (!next.delete(ref)) {
        next.add(ref);
      }
      return next;
    });

  if (!data) {
    if (error) {
      return (
        <ResponseErrorPanel title="Could not load tenants" error={error} />
      );
    }
    return <Progress />;
  }

  const installationCount = items.reduce(
    (sum, t) => sum + t.installations.length,
    0,
  );
  const tenantCount = items.filter(t => t.entity).length;

  const tenantActions = (tenant: TenantItem) => {
    const { entity, record } = tenant;
    if (!entity) {
      return null;
    }
    return (
      <>
        {tenant.source === 'portal' ? (
          <TenantManageButton
            action="edit tenants"
            size="small"
            disabledReason={
              record
                ? undefined
                : `The portal's record of this tenant could not be loaded${
                    data.portalError ? `: ${data.portalError.message}` : ''
                  }`
            }
            onClick={() => setDialog({ kind: 'tenant', existing: record })}
          >
            Edit
          </TenantManageButton>
        ) : (
          <ReadOnlyNote />
        )}
        <TenantManageButton
          action="create installations"
          size="small"
          startIcon={<AddIcon />}
          onClick={() =>
            setDialog({ kind: 'installation', tenantRef: tenant.ref })
          }
        >
          New installation
        </TenantManageButton>
      </>
    );
  };

  const installationActions = (
    tenant: TenantItem,
    installation: InstallationItem,
  ) =>
    installation.source === 'portal' ? (
      <TenantManageButton
        action="edit installations"
        size="small"
        disabledReason={
          installation.record
            ? undefined
            : `The portal's record of this installation could not be loaded${
                data.portalError ? `: ${data.portalError.message}` : ''
              }`
        }
        onClick={() =>
          setDialog({
            kind: 'installation',
            tenantRef: tenant.ref,
            existing: installation.record,
          })
        }
      >
        Edit
      </TenantManageButton>
    ) : (
      <ReadOnlyNote />
    );

  const renderTenant = (tenant: TenantItem) => {
    const key = refKey(tenant.ref);
    const open = !collapsed.has(key);
    const name = tenant.entity ? displayName(tenant.entity) : tenant.ref;
    const rows = [
      <TableRow
        key={key}
        className={classes.tenantRow}
        selected={highlight === key}
        ref={highlight === key ? scrollTo : undefined}
      >
        <TableCell>
          <div className={classes.tenantName}>
            <IconButton
              size="small"
              aria-label={`${open ? 'Hide' : 'Show'} installations of ${name}`}
              aria-expanded={open}
              onClick={() => toggle(key)}
            >
              {open ? <ExpandLessIcon /> : <ExpandMoreIcon />}
            </IconButton>
            <EntityName
              entityRef={tenant.ref}
              entity={tenant.entity}
              inCatalog={tenant.inCatalog}
            />
          </div>
        </TableCell>
        <TableCell>
          {tenant.entity?.spec.ring ? (
            <Chip size="small" label={tenant.entity.spec.ring} />
          ) : null}
        </TableCell>
        <TableCell>
          <OwnerLink
            owner={tenant.entity?.spec.owner}
            namespace={tenant.entity?.metadata.namespace}
          />
        </TableCell>
        <TableCell>
          <Typography variant="body2" color="textSecondary">
            {tenant.installations.length === 1
              ? '1 installation'
              : `${tenant.installations.length} installations`}
          </Typography>
        </TableCell>
        <TableCell>
          {tenant.entity && <SourceBadge source={tenant.source} />}
        </TableCell>
        <TableCell align="right" className={classes.actions}>
          {tenantActions(tenant)}
        </TableCell>
      </TableRow>,
    ];
    if (!open) {
      return rows;
    }
    if (tenant.installations.length === 0) {
      rows.push(
        <TableRow key={`${key}:none`}>
          <TableCell colSpan={COLUMNS} className={classes.installationName}>
            <Typography variant="body2" color="textSecondary">
              No installations yet.
            </Typography>
          </TableCell>
        </TableRow>,
      );
    }
    for (const installation of tenant.installations) {
      const installationKey = refKey(installation.ref);
      const { entity } = installation;
      rows.push(
        <TableRow
          key={installationKey}
          selected={highlight === installationKey}
          ref={highlight === installationKey ? scrollTo : undefined}
        >
          <TableCell className={classes.installationName}>
            <EntityName
              entityRef={installation.ref}
              entity={entity}
              inCatalog={installation.inCatalog}
            />
          </TableCell>
          <TableCell>
            <Chip size="small" variant="outlined" label={entity.spec.tier} />
          </TableCell>
          <TableCell>
            <OwnerLink
              owner={entity.spec.owner}
              namespace={entity.metadata.namespace}
            />
          </TableCell>
          <TableCell>
            {entity.spec.environments.map(env => (
              <Typography
                variant="body2"
                key={`${env.cluster}/${env.namespace}`}
              >
                {env.cluster} / {env.namespace}
              </Typography>
            ))}
          </TableCell>
          <TableCell>
            <SourceBadge source={installation.source} />
          </TableCell>
          <TableCell align="right" className={classes.actions}>
            {installationActions(tenant, installation)}
          </TableCell>
        </TableRow>,
      );
    }
    return rows;
  };

  return (
    <div className={classes.root}>
      {notice && (
        <Alert
          severity={notice.late ? 'info' : 'success'}
          onClose={() => setNotice(undefined)}
          icon={pending ? <CircularProgress size={20} /> : undefined}
          style={{ marginBottom: 16 }}
        >
          {notice.message}
          {pending && ' Waiting for the catalog to show it…'}
          {notice.late &&
            ' The catalog has not shown it yet; it appears here once the catalog has processed it.'}
        </Alert>
      )}
      {error && (
        <Alert severity="warning" style={{ marginBottom: 16 }}>
          Could not refresh the tenants: {error.message}
        </Alert>
      )}
      {data.portalError && (
        <Alert severity="warning" style={{ marginBottom: 16 }}>
          Could not load what was created in the portal (
          {data.portalError.message}); those tenants and installations cannot be
          edited until it loads.
        </Alert>
      )}
      <Paper>
        <div className={classes.toolbar}>
          <div className={classes.title}>
            <Typography variant="h6" component="h2">
              Tenants
            </Typography>
            <Typography variant="body2" color="textSecondary">
              {tenantCount === 1 ? '1 tenant' : `${tenantCount} tenants`},{' '}
              {installationCount === 1
                ? '1 installation'
                : `${installationCount} installations`}
              {loading && ' · refreshing…'}
            </Typography>
          </div>
          <TextField
            id="tenants-filter"
            label="Filter"
            type="search"
            size="small"
            variant="outlined"
            value={filter}
            onChange={e => setFilter(e.target.value)}
            placeholder="Tenant, installation, ring, owner…"
          />
          <TenantManageButton
            action="create tenants"
            color="primary"
            variant="contained"
            startIcon={<AddIcon />}
            onClick={() => setDialog({ kind: 'tenant' })}
          >
            New tenant
          </TenantManageButton>
        </div>
        {items.length === 0 ? (
          <EmptyState
            missing="data"
            title="No tenants yet"
            description="Tenants are the customers you ship to. Define them in catalog YAML, or create one here with New tenant."
          />
        ) : (
          <TableContainer>
            <Table size="small" aria-label="Tenants and their installations">
              <TableHead>
                <TableRow>
                  <TableCell>Tenant / installation</TableCell>
                  <TableCell>Ring / tier</TableCell>
                  <TableCell>Owner</TableCell>
                  <TableCell>Environments</TableCell>
                  <TableCell>Source</TableCell>
                  <TableCell align="right">Actions</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {shown.length === 0 ? (
                  <TableRow>
                    <TableCell colSpan={COLUMNS}>
                      <Typography variant="body2" color="textSecondary">
                        No tenant or installation matches “{filter}”.
                      </Typography>
                    </TableCell>
                  </TableRow>
                ) : (
                  shown.flatMap(renderTenant)
                )}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </Paper>
      {dialog?.kind === 'tenant' && (
        <TenantDialog
          open
          existing={dialog.existing}
          onClose={() => setDialog(undefined)}
          onSaved={record => onSaved('Tenant', record, !dialog.existing)}
        />
      )}
      {dialog?.kind === 'installation' && (
        <InstallationDialog
          open
          tenantRef={dialog.tenantRef}
          existing={dialog.existing}
          onClose={() => setDialog(undefined)}
          onSaved={record => onSaved('Installation', record, !dialog.existing)}
        />
      )}
    </div>
  );
}
