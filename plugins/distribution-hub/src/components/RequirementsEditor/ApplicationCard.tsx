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
import { DragEvent, memo, MouseEvent, useCallback, useState } from 'react';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import DeleteOutlineIcon from '@material-ui/icons/DeleteOutline';
import DescriptionOutlinedIcon from '@material-ui/icons/DescriptionOutlined';
import DragIndicatorIcon from '@material-ui/icons/DragIndicator';
import SwapHorizIcon from '@material-ui/icons/SwapHoriz';
import { ReleaseApplication } from '@sdh/plugin-distribution-hub-common';
import { ImagePicker } from '../ImagePicker';
import { InstructionsDialog } from '../InstructionsDialog';
import { StageTarget } from './requirementsState';

/** The drag data type of an application card; its value is the entity ref. */
export const APPLICATION_DRAG_TYPE = 'application/x-distribution-hub-app';

export type ApplicationChange = Partial<
  Pick<ReleaseApplication, 'image' | 'instructions'>
>;

/** Callbacks shared by every card; stable, so memoised cards stay put. */
export interface ApplicationCardActions {
  /** Labels of all stages, read when the move menu opens. */
  getStageLabels(): string[];
  onMove(entityRef: string, to: StageTarget): void;
  onRemove(entityRef: string): void;
  onUpdate(entityRef: string, change: ApplicationChange): void;
  onDragStart(entityRef: string): void;
  onDragEnd(): void;
}

export interface ApplicationCardProps {
  app: ReleaseApplication;
  stageIndex: number;
  /** The entity's name, e.g. orders-api. */
  entityName: string;
  /** The name the catalog shows: the title, else the name. */
  displayName: string;
  notInCatalog: boolean;
  readOnly: boolean;
  actions: ApplicationCardActions;
}

const useStyles = makeStyles(theme => ({
  card: {
    padding: theme.spacing(1, 1.5, 0.5),
    cursor: 'grab',
    '&[draggable="false"]': { cursor: 'default' },
  },
  dragging: { opacity: 0.4 },
  header: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(0.5),
  },
  handle: { color: theme.palette.text.hint, marginTop: 2 },
  names: { flex: 1, minWidth: 0 },
  ref: {
    display: 'block',
    color: theme.palette.text.secondary,
    overflowWrap: 'anywhere',
  },
  instructions: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    minHeight: 36,
  },
  hasInstructions: { color: theme.palette.success.main },
}));

/**
 * One application of a stage: its name and ref, its image and its
 * instructions, with ways to move or remove it. Memoised: a card renders
 * again only when its own application or its place changes.
 */
function ApplicationCardView(props: ApplicationCardProps) {
  const {
    app,
    stageIndex,
    entityName,
    displayName,
    notInCatalog,
    readOnly,
    actions,
  } = props;
  const { entityRef } = app;
  const classes = useStyles();
  const [dragging, setDragging] = useState(false);
  const [menu, setMenu] = useState<{
    anchor: HTMLElement;
    labels: string[];
  }>();
  const [instructionsOpen, setInstructionsOpen] = useState(false);
  const hasInstructions = Boolean(app.instructions?.trim());

  const handleDragStart = useCallback(
    (event: DragEvent<HTMLDivElement>) => {
      // Text dragged inside the card's fields (or its dialog, which React
      // events bubble from) is not the card.
      if (event.target !== event.currentTarget) {
        return;
      }
      event.dataTransfer.setData(APPLICATION_DRAG_TYPE, entityRef);
      event.dataTransfer.effectAllowed = 'move';
      setDragging(true);
      actions.onDragStart(entityRef);
    },
    [actions, entityRef],
  );
  const handleDragEnd = useCallback(() => {
    setDragging(false);
    actions.onDragEnd();
  }, [actions]);
  const handleImageChange = useCallback(
    (image: string | undefined) => actions.onUpdate(entityRef, { image }),
    [actions, entityRef],
  );
  const openMenu = (event: MouseEvent<HTMLElement>) =>
    setMenu({ anchor: event.currentTarget, labels: actions.getStageLabels() });
  const moveTo = (to: StageTarget) => {
    setMenu(undefined);
    actions.onMove(entityRef, to);
  };

  return (
    <Paper
      variant="outlined"
      data-testid={`app-${entityName}`}
      aria-label={displayName}
      role="listitem"
      draggable={!readOnly}
      onDragStart={readOnly ? undefined : handleDragStart}
      onDragEnd={readOnly ? undefined : handleDragEnd}
      className={`${classes.card} ${dragging ? classes.dragging : ''}`}
    >
      <div className={classes.header}>
        {!readOnly && (
          <DragIndicatorIcon fontSize="small" className={classes.handle} />
        )}
        <div className={classes.names}>
          <Typography variant="subtitle2" component="h4">
            <EntityRefLink entityRef={entityRef} draggable={false}>
              {displayName}
            </EntityRefLink>
          </Typography>
          <Typography variant="caption" className={classes.ref}>
            {entityRef}
          </Typography>
          {notInCatalog && (
            <Typography variant="caption" color="error">
              Not in the catalog
            </Typography>
          )}
        </div>
        {!readOnly && (
          <>
            {/* Native titles: MUI tooltips cost too much on hundreds of cards. */}
            <IconButton
              size="small"
              title="Move to another stage"
              aria-label={`Move ${displayName} to another stage`}
              aria-haspopup="menu"
              onClick={openMenu}
            >
              <SwapHorizIcon fontSize="small" />
            </IconButton>
            <IconButton
              size="small"
              title="Remove from the release"
              aria-label={`Remove ${displayName}`}
              onClick={() => actions.onRemove(entityRef)}
            >
              <DeleteOutlineIcon fontSize="small" />
            </IconButton>
          </>
        )}
      </div>
      <div className={classes.instructions}>
        <Typography
          variant="caption"
          color={hasInstructions ? 'inherit' : 'textSecondary'}
          className={hasInstructions ? classes.hasInstructions : undefined}
        >
          {hasInstructions ? 'Has instructions' : 'No instructions'}
        </Typography>
        {(!readOnly || hasInstructions) && (
          <Button
            size="small"
            startIcon={<DescriptionOutlinedIcon fontSize="small" />}
            aria-label={`Instructions for ${displayName}`}
            onClick={() => setInstructionsOpen(true)}
          >
            Instructions
          </Button>
        )}
      </div>
      <Box pb={0.5}>
        <ImagePicker
          entityRef={entityRef}
          label={`Image for ${displayName}`}
          value={app.image}
          onChange={handleImageChange}
          readOnly={readOnly}
        />
      </Box>
      {menu && (
        <Menu
          open
          anchorEl={menu.anchor}
          onClose={() => setMenu(undefined)}
          keepMounted={false}
        >
          {menu.labels.map((label, index) =>
            index === stageIndex ? null : (
              <MenuItem key={index} onClick={() => moveTo(index)}>
                {label}
              </MenuItem>
            ),
          )}
          <MenuItem onClick={() => moveTo('new')}>New stage</MenuItem>
        </Menu>
      )}
      {instructionsOpen && (
        <InstructionsDialog
          open
          name={displayName}
          value={app.instructions}
          readOnly={readOnly}
          onApply={instructions =>
            actions.onUpdate(entityRef, { instructions })
          }
          onClose={() => setInstructionsOpen(false)}
        />
      )}
    </Paper>
  );
}

export const ApplicationCard = memo(ApplicationCardView);
