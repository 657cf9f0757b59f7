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
import { ChangeEvent, DragEvent, memo } from 'react';
import { parseEntityRef } from '@backstage/catalog-model';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import IconButton from '@material-ui/core/IconButton';
import InputBase from '@material-ui/core/InputBase';
import Paper from '@material-ui/core/Paper';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import DeleteOutlineIcon from '@material-ui/icons/DeleteOutline';
import { ApplicationCard, ApplicationCardActions } from './ApplicationCard';
import { DraftStage, stageLabel } from './requirementsState';

/** What the catalog says about an application, by lower-cased entity ref. */
export type EntityNames = ReadonlyMap<
  string,
  { name: string; title?: string } | null
>;

export interface StageActions {
  onRename(index: number, name: string): void;
  onRequestRemove(index: number): void;
  onDragOver(index: number, event: DragEvent<HTMLElement>): void;
  onDragLeave(index: number, event: DragEvent<HTMLElement>): void;
  onDrop(index: number, event: DragEvent<HTMLElement>): void;
}

export interface StageColumnProps {
  stage: DraftStage;
  index: number;
  /** Whether the only stage holds applications: it cannot go then. */
  removable: boolean;
  readOnly: boolean;
  /** Shows that a dragged application will land here. */
  dropTarget: boolean;
  /** Undefined while the catalog is being asked. */
  entityNames: EntityNames | undefined;
  stageActions: StageActions;
  cardActions: ApplicationCardActions;
}

const useStyles = makeStyles(theme => ({
  column: {
    flex: '0 0 300px',
    width: 300,
    display: 'flex',
    flexDirection: 'column',
    padding: theme.spacing(1),
    backgroundColor: theme.palette.background.default,
    border: `2px solid ${theme.palette.divider}`,
    transition: 'border-color 120ms, background-color 120ms',
  },
  dropTarget: {
    borderColor: theme.palette.primary.main,
    borderStyle: 'dashed',
    backgroundColor: theme.palette.action.hover,
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    marginBottom: theme.spacing(1),
  },
  name: { flex: 1, minWidth: 0 },
  nameInput: {
    fontWeight: 500,
    padding: theme.spacing(0.5),
    borderRadius: theme.shape.borderRadius,
    '&:hover, &:focus': { backgroundColor: theme.palette.action.hover },
  },
  body: { flex: 1, display: 'flex', flexDirection: 'column', minHeight: 96 },
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  },
  empty: {
    flex: 1,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    textAlign: 'center',
    padding: theme.spacing(2),
    border: `1px dashed ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
}));

function names(entityRef: string, entityNames: EntityNames | undefined) {
  const known = entityNames?.get(entityRef.toLocaleLowerCase('en-US'));
  let name = known?.name;
  if (!name) {
    try {
      name = parseEntityRef(entityRef).name;
    } catch {
      name = entityRef;
    }
  }
  return {
    entityName: name,
    displayName: known?.title || name,
    notInCatalog: known === null,
  };
}

/**
 * A stage: its name and its applications, and a drop target for
 * applications dragged from other stages.
 */
function StageColumnView(props: StageColumnProps) {
  const {
    stage,
    index,
    removable,
    readOnly,
    dropTarget,
    entityNames,
    stageActions,
    cardActions,
  } = props;
  const classes = useStyles();
  const entityLink = useEntityRefLink();
  const count = stage.apps.length;

  return (
    <Paper
      role="region"
      aria-label={stageLabel(index, stage.name)}
      data-testid={`stage-${index}`}
      data-drop-target={dropTarget || undefined}
      elevation={0}
      className={`${classes.column} ${dropTarget ? classes.dropTarget : ''}`}
      onDragOver={event => stageActions.onDragOver(index, event)}
      onDragEnter={event => stageActions.onDragOver(index, event)}
      onDragLeave={event => stageActions.onDragLeave(index, event)}
      onDrop={event => stageActions.onDrop(index, event)}
    >
      <div className={classes.header}>
        <div className={classes.name}>
          <Typography variant="overline" component="p" color="textSecondary">
            Stage {index + 1} · {count} application{count === 1 ? '' : 's'}
          </Typography>
          {readOnly ? (
            <Typography variant="subtitle1" component="h3">
              {stage.name.trim() || `Stage ${index + 1}`}
            </Typography>
          ) : (
            <InputBase
              fullWidth
              value={stage.name}
              placeholder="Name this stage"
              className={classes.nameInput}
              inputProps={{ 'aria-label': `Name of stage ${index + 1}` }}
              onChange={(event: ChangeEvent<HTMLInputElement>) =>
                stageActions.onRename(index, event.target.value)
              }
            />
          )}
        </div>
        {!readOnly && (
          <Tooltip
            title={
              removable
                ? 'Remove this stage'
                : 'The only stage cannot be removed while it has applications'
            }
          >
            <span>
              <IconButton
                size="small"
                aria-label={`Remove stage ${index + 1}`}
                disabled={!removable}
                onClick={() => stageActions.onRequestRemove(index)}
              >
                <DeleteOutlineIcon fontSize="small" />
              </IconButton>
            </span>
          </Tooltip>
        )}
      </div>
      <div className={classes.body}>
        {count > 0 ? (
          <div className={classes.list} role="list">
            {stage.apps.map(app => (
              <ApplicationCard
                key={app.entityRef}
                app={app}
                stageIndex={index}
                readOnly={readOnly}
                actions={cardActions}
                href={entityLink(app.entityRef)}
                {...names(app.entityRef, entityNames)}
              />
            ))}
          </div>
        ) : (
          <Typography
            variant="body2"
            color="textSecondary"
            className={classes.empty}
          >
            {readOnly
              ? 'No applications in this stage'
              : 'Drag applications here, or add one above'}
          </Typography>
        )}
      </div>
    </Paper>
  );
}

export const StageColumn = memo(StageColumnView);
