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
import {
  DragEvent,
  useEffect,
  useId,
  useMemo,
  useReducer,
  useRef,
  useState,
} from 'react';
import { Progress } from '@backstage/core-components';
import { alertApiRef, useAnalytics, useApi } from '@backstage/core-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AddIcon from '@material-ui/icons/Add';
import LockIcon from '@material-ui/icons/Lock';
import LockOpenIcon from '@material-ui/icons/LockOpen';
import SaveIcon from '@material-ui/icons/Save';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  Release,
  releaseLockPermission,
  releaseUnlockPermission,
  releaseUpdatePermission,
} from '@sdh/plugin-distribution-hub-common';
import useAsync from 'react-use/esm/useAsync';
import useBeforeUnload from 'react-use/esm/useBeforeUnload';
import { distributionHubApiRef } from '../../api';
import { ComponentPicker } from '../ComponentPicker';
import { ActorLink, formatExactTime } from '../ReleaseHistory';
import { imageReferenceProblem } from '../ImagePicker';
import { PermissionedButton } from '../PermissionedButton';
import {
  APPLICATION_DRAG_TYPE,
  ApplicationCardActions,
  ApplicationChange,
} from './ApplicationCard';
import {
  draftReducer,
  initialDraft,
  sameRequirements,
  StageTarget,
  stageLabel,
  toRequirements,
} from './requirementsState';
import { serverMessage } from './serverMessage';
import { EntityNames, StageActions, StageColumn } from './StageColumn';

/** @public */
export interface RequirementsEditorProps {
  release: Release;
  /** Called with the release the server returns after a save, lock or unlock. */
  onChange(release: Release): void;
}

const ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
];

const useStyles = makeStyles(theme => ({
  banner: { marginBottom: theme.spacing(2) },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1.5),
    marginBottom: theme.spacing(2),
  },
  picker: { width: 320 },
  stageSelect: { minWidth: 180 },
  spacer: { flex: 1 },
  columns: {
    display: 'flex',
    alignItems: 'stretch',
    gap: theme.spacing(2),
    overflowX: 'auto',
    paddingBottom: theme.spacing(1),
  },
  noStages: { padding: theme.spacing(3, 0) },
}));

function key(entityRef: string) {
  return entityRef.toLocaleLowerCase('en-US');
}

type Busy = 'save' | 'lock' | 'unlock';

const FAILURES: Record<Busy, string> = {
  save: 'Could not save the requirements',
  lock: 'Could not lock the requirements',
  unlock: 'Could not unlock the requirements',
};

/**
 * The "Requirements" tab of a release: its stages side by side, each with
 * its applications (image and instructions), edited locally and saved as a
 * whole; then locked.
 *
 * @public
 */
export function RequirementsEditor(props: RequirementsEditorProps) {
  const { release, onChange } = props;
  const classes = useStyles();
  const ids = useId();
  const api = useApi(distributionHubApiRef);
  const catalogApi = useApi(catalogApiRef);
  const alertApi = useApi(alertApiRef);
  const analytics = useAnalytics();
  const analyticsNow = useRef(analytics);
  analyticsNow.current = analytics;
  const { allowed: mayUpdate, loading: permissionLoading } = usePermission({
    permission: releaseUpdatePermission,
  });

  const [draft, dispatch] = useReducer(
    draftReducer,
    release.requirements,
    initialDraft,
  );
  const { stages } = draft;

  const rescinded = release.status === 'rescinded';
  const frozen = release.locked || rescinded;
  const readOnly = frozen || !mayUpdate;

  // A new release from outside (e.g. after someone else's change) replaces
  // the draft, unless there are unsaved edits: then a save tells of the clash.
  const previousRelease = useRef(release);
  const stagesNow = useRef(stages);
  stagesNow.current = stages;
  useEffect(() => {
    const previous = previousRelease.current;
    previousRelease.current = release;
    if (
      previous !== release &&
      !sameRequirements(previous.requirements, release.requirements) &&
      sameRequirements({ stages: stagesNow.current }, previous.requirements)
    ) {
      dispatch({ type: 'reset', requirements: release.requirements });
    }
  }, [release]);

  const dirty = useMemo(
    () => !sameRequirements({ stages }, release.requirements),
    [stages, release.requirements],
  );
  useBeforeUnload(dirty && !readOnly, 'The requirements have unsaved changes.');
  const invalidImages = useMemo(
    () =>
      stages.some(stage =>
        stage.apps.some(app => imageReferenceProblem(app.image)),
      ),
    [stages],
  );
  const savedAppCount = release.requirements.stages.reduce(
    (sum, stage) => sum + stage.apps.length,
    0,
  );

  // Component names: one catalog request for all saved applications, plus
  // the entities picked since.
  const savedRefs = useMemo(
    () =>
      [
        ...new Set(
          release.requirements.stages.flatMap(stage =>
            stage.apps.map(app => app.entityRef),
          ),
        ),
      ]
        .sort()
        .join('\n'),
    [release.requirements],
  );
  const fetchedNames = useAsync(async () => {
    const refs = savedRefs ? savedRefs.split('\n') : [];
    const map = new Map<string, { name: string; title?: string } | null>();
    if (refs.length === 0) {
      return map;
    }
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: refs,
      fields: ENTITY_FIELDS,
    });
    refs.forEach((ref, index) => {
      const entity = items[index];
      map.set(
        key(ref),
        entity
          ? { name: entity.metadata.name, title: entity.metadata.title }
          : null,
      );
    });
    return map;
  }, [catalogApi, savedRefs]);
  const [picked, setPicked] = useState<ReadonlyMap<string, Entity>>(new Map());
  const entityNames = useMemo((): EntityNames | undefined => {
    if (!fetchedNames.value && picked.size === 0) {
      return undefined;
    }
    const map = new Map(fetchedNames.value ?? []);
    picked.forEach((entity, ref) =>
      map.set(ref, {
        name: entity.metadata.name,
        title: entity.metadata.title,
      }),
    );
    return map;
  }, [fetchedNames.value, picked]);

  // Cards wait for the names and for whether they are editable, so that
  // 200 of them render once, with labels that stay put.
  const waiting =
    (!frozen && permissionLoading) ||
    (fetchedNames.value === undefined && fetchedNames.error === undefined);

  const includedRefs = useMemo(
    () =>
      new Set(stages.flatMap(stage => stage.apps.map(app => app.entityRef))),
    [stages],
  );

  // Where added applications go.
  const [addTarget, setAddTarget] = useState<StageTarget>(0);
  let effectiveTarget: StageTarget = addTarget;
  if (stages.length === 0) {
    effectiveTarget = 'new';
  } else if (addTarget !== 'new' && addTarget >= stages.length) {
    effectiveTarget = stages.length - 1;
  }
  const addApplication = (entity: Entity) => {
    const entityRef = stringifyEntityRef(entity);
    setPicked(current => new Map(current).set(key(entityRef), entity));
    dispatch({ type: 'addApp', entityRef, stage: effectiveTarget });
    if (effectiveTarget === 'new') {
      // The next one joins the stage just made.
      setAddTarget(stages.length);
    }
  };

  // Drag and drop: the dragged ref is also kept here, for browsers that hide
  // drag data until the drop.
  const dragged = useRef<string>();
  const [dropTarget, setDropTarget] = useState<number>();

  const cardActions = useMemo(
    (): ApplicationCardActions => ({
      getStageLabels: () =>
        stagesNow.current.map((stage, index) => stageLabel(index, stage.name)),
      onMove: (entityRef: string, to: StageTarget) =>
        dispatch({ type: 'moveApp', entityRef, to }),
      onRemove: (entityRef: string) =>
        dispatch({ type: 'removeApp', entityRef }),
      onUpdate: (entityRef: string, change: ApplicationChange) =>
        dispatch({ type: 'updateApp', entityRef, change }),
      onDragStart: (entityRef: string) => {
        dragged.current = entityRef;
      },
      onDragEnd: () => {
        dragged.current = undefined;
        setDropTarget(undefined);
      },
      // What Backstage's Link reports on a click.
      onOpenEntity: (linkText: string, href: string) =>
        analyticsNow.current.captureEvent('click', linkText, {
          attributes: { to: href },
        }),
    }),
    [],
  );

  // The stage being removed stays set while its dialog fades out.
  const [removing, setRemoving] = useState<{
    index: number;
    moveTo: number;
  }>();
  const [removeOpen, setRemoveOpen] = useState(false);
  const stageActions = useMemo((): StageActions => {
    const carriesApplication = (event: DragEvent<HTMLElement>) =>
      Boolean(dragged.current) ||
      Array.from(event.dataTransfer?.types ?? []).includes(
        APPLICATION_DRAG_TYPE,
      );
    return {
      onRename: (index: number, name: string) =>
        dispatch({ type: 'renameStage', index, name }),
      onRequestRemove: (index: number) => {
        const stage = stagesNow.current[index];
        if (stage.apps.length === 0) {
          dispatch({ type: 'removeStage', index });
        } else {
          setRemoving({ index, moveTo: index === 0 ? 1 : index - 1 });
          setRemoveOpen(true);
        }
      },
      onDragOver: (index: number, event: DragEvent<HTMLElement>) => {
        if (readOnly || !carriesApplication(event)) {
          return;
        }
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        setDropTarget(index);
      },
      onDragLeave: (index: number, event: DragEvent<HTMLElement>) => {
        const to = event.relatedTarget as Node | null;
        if (to && event.currentTarget.contains(to)) {
          return;
        }
        setDropTarget(current => (current === index ? undefined : current));
      },
      onDrop: (index: number, event: DragEvent<HTMLElement>) => {
        if (readOnly || !carriesApplication(event)) {
          return;
        }
        event.preventDefault();
        const entityRef =
          event.dataTransfer?.getData(APPLICATION_DRAG_TYPE) || dragged.current;
        dragged.current = undefined;
        setDropTarget(undefined);
        if (entityRef) {
          dispatch({ type: 'moveApp', entityRef, to: index });
        }
      },
    };
  }, [readOnly]);

  // Save, lock, unlock.
  const [busy, setBusy] = useState<Busy>();
  const [failure, setFailure] = useState<{ title: string; message: string }>();
  const [confirmUnlock, setConfirmUnlock] = useState(false);
  const run = async (kind: Busy, action: () => Promise<Release>) => {
    setBusy(kind);
    setFailure(undefined);
    try {
      const updated = await action();
      dispatch({ type: 'reset', requirements: updated.requirements });
      onChange(updated);
      alertApi.post({
        message: {
          save: 'Requirements saved',
          lock: 'Requirements locked',
          unlock: 'Requirements unlocked; the release is a draft again',
        }[kind],
        severity: 'success',
        display: 'transient',
      });
    } catch (error) {
      setFailure({ title: FAILURES[kind], message: serverMessage(error) });
    } finally {
      setBusy(undefined);
    }
  };
  const save = () =>
    run('save', () =>
      api.putRequirements(release.id, toRequirements(stages), {
        revision: release.revision,
      }),
    );
  const lock = () =>
    run('lock', () =>
      api.lockRelease(release.id, { revision: release.revision }),
    );
  const unlock = () => {
    setConfirmUnlock(false);
    return run('unlock', () =>
      api.unlockRelease(release.id, { revision: release.revision }),
    );
  };

  let saveReason: string | undefined;
  if (busy === 'save') {
    saveReason = 'Saving…';
  } else if (!dirty) {
    saveReason = 'There are no unsaved changes';
  } else if (invalidImages) {
    saveReason = 'Fix the invalid image references first';
  }
  let lockReason: string | undefined;
  if (busy === 'lock') {
    lockReason = 'Locking…';
  } else if (dirty) {
    lockReason = 'Save your changes first';
  } else if (savedAppCount === 0) {
    lockReason = 'Add an application first';
  }

  const removingStage = removing ? stages[removing.index] : undefined;

  return (
    <Box>
      {release.locked && (
        <Alert severity="info" role="status" className={classes.banner}>
          Requirements locked
          {release.lockedBy && (
            <>
              {' by '}
              <ActorLink actor={release.lockedBy} />
            </>
          )}
          {release.lockedAt && (
            <>
              {' on '}
              <time dateTime={release.lockedAt}>
                {formatExactTime(release.lockedAt)}
              </time>
            </>
          )}
          {rescinded ? '.' : '. Unlock them to make changes.'}
        </Alert>
      )}
      {rescinded && (
        <Alert severity="warning" role="status" className={classes.banner}>
          This release is rescinded: its requirements can no longer change.
        </Alert>
      )}
      {failure && (
        <Alert
          severity="error"
          className={classes.banner}
          onClose={() => setFailure(undefined)}
        >
          <AlertTitle>{failure.title}</AlertTitle>
          {failure.message}
        </Alert>
      )}
      {fetchedNames.error && (
        <Alert severity="warning" className={classes.banner}>
          Could not load the components' names from the catalog:{' '}
          {fetchedNames.error.message}
        </Alert>
      )}

      <div className={classes.toolbar}>
        {!readOnly && (
          <>
            <div className={classes.picker}>
              <ComponentPicker
                excludeRefs={includedRefs}
                onSelect={addApplication}
              />
            </div>
            <TextField
              select
              id={`${ids}-add-target`}
              size="small"
              variant="outlined"
              label="To stage"
              className={classes.stageSelect}
              value={String(effectiveTarget)}
              onChange={event =>
                setAddTarget(
                  event.target.value === 'new'
                    ? 'new'
                    : Number(event.target.value),
                )
              }
            >
              {stages.map((stage, index) => (
                <MenuItem key={stage.id} value={String(index)}>
                  {stageLabel(index, stage.name)}
                </MenuItem>
              ))}
              <MenuItem value="new">New stage</MenuItem>
            </TextField>
          </>
        )}
        {!frozen && (
          <PermissionedButton
            permission={releaseUpdatePermission}
            action="edit this release's requirements"
            startIcon={<AddIcon />}
            onClick={() => dispatch({ type: 'addStage' })}
          >
            Add stage
          </PermissionedButton>
        )}
        <div className={classes.spacer} />
        {!frozen && dirty && (
          <Chip
            size="small"
            color="secondary"
            label="Unsaved changes"
            role="status"
          />
        )}
        {!frozen && (
          <>
            <PermissionedButton
              permission={releaseUpdatePermission}
              action="edit this release's requirements"
              disabledReason={saveReason}
              variant="contained"
              color="primary"
              startIcon={<SaveIcon />}
              onClick={save}
            >
              Save
            </PermissionedButton>
            <PermissionedButton
              permission={releaseLockPermission}
              action="lock this release's requirements"
              disabledReason={lockReason}
              variant="outlined"
              startIcon={<LockIcon />}
              onClick={lock}
            >
              Lock requirements
            </PermissionedButton>
          </>
        )}
        {release.locked && !rescinded && (
          <PermissionedButton
            permission={releaseUnlockPermission}
            action="unlock this release's requirements"
            disabledReason={busy === 'unlock' ? 'Unlocking…' : undefined}
            variant="outlined"
            startIcon={<LockOpenIcon />}
            onClick={() => setConfirmUnlock(true)}
          >
            Unlock to edit
          </PermissionedButton>
        )}
      </div>

      {waiting && <Progress />}
      {!waiting && stages.length === 0 && (
        <Typography
          color="textSecondary"
          align="center"
          className={classes.noStages}
        >
          {readOnly
            ? 'This release has no applications.'
            : 'No stages yet. Add an application above; it starts the first stage.'}
        </Typography>
      )}
      {!waiting && stages.length > 0 && (
        <div className={classes.columns}>
          {stages.map((stage, index) => (
            <StageColumn
              key={stage.id}
              stage={stage}
              index={index}
              removable={stages.length > 1 || stage.apps.length === 0}
              readOnly={readOnly}
              dropTarget={dropTarget === index}
              entityNames={entityNames}
              stageActions={stageActions}
              cardActions={cardActions}
            />
          ))}
        </div>
      )}

      <Dialog
        open={removeOpen && Boolean(removingStage)}
        onClose={() => setRemoveOpen(false)}
        aria-labelledby={`${ids}-remove-title`}
      >
        {removing && removingStage && (
          <>
            <DialogTitle id={`${ids}-remove-title`}>
              Remove {stageLabel(removing.index, removingStage.name)}?
            </DialogTitle>
            <DialogContent>
              <DialogContentText>
                Its {removingStage.apps.length} application
                {removingStage.apps.length === 1 ? '' : 's'} move to another
                stage.
              </DialogContentText>
              <TextField
                select
                fullWidth
                id={`${ids}-remove-target`}
                variant="outlined"
                label="Move the applications to"
                value={String(removing.moveTo)}
                onChange={event =>
                  setRemoving({
                    ...removing,
                    moveTo: Number(event.target.value),
                  })
                }
              >
                {stages.map((stage, index) =>
                  index === removing.index ? null : (
                    <MenuItem key={stage.id} value={String(index)}>
                      {stageLabel(index, stage.name)}
                    </MenuItem>
                  ),
                )}
              </TextField>
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setRemoveOpen(false)}>Cancel</Button>
              <Button
                color="primary"
                variant="contained"
                onClick={() => {
                  dispatch({ type: 'removeStage', ...removing });
                  setRemoveOpen(false);
                }}
              >
                Move and remove
              </Button>
            </DialogActions>
          </>
        )}
      </Dialog>

      <Dialog
        open={confirmUnlock}
        onClose={() => setConfirmUnlock(false)}
        aria-labelledby={`${ids}-unlock-title`}
      >
        <DialogTitle id={`${ids}-unlock-title`}>
          Unlock the requirements?
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            Unlocking takes the release back to Draft.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirmUnlock(false)}>Cancel</Button>
          <Button color="primary" variant="contained" onClick={unlock}>
            Unlock
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
