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
import { Link as RouterLink } from 'react-router-dom';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import { alpha, makeStyles } from '@material-ui/core/styles';
import { ReleaseApplication } from '@sdh/plugin-distribution-hub-common';
import { ImagePicker } from '../ImagePicker';
import { InstructionsDialog } from '../InstructionsDialog';
import {
  deleteOutlineIcon,
  descriptionOutlinedIcon,
  dragIndicatorIcon,
  swapHorizIcon,
} from './icons';
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
  /** A click on the application's catalog link (for analytics). */
  onOpenEntity(linkText: string, href: string): void;
}

export interface ApplicationCardProps {
  app: ReleaseApplication;
  stageIndex: number;
  /** The entity's name, e.g. orders-api. */
  entityName: string;
  /** The name the catalog shows: the title, else the name. */
  displayName: string;
  /** The entity's page in the catalog. */
  href: string;
  notInCatalog: boolean;
  readOnly: boolean;
  actions: ApplicationCardActions;
}

/*
 * A release page can hold hundreds of cards, so a card is plain elements
 * styled like the Material UI components it stands for (an outlined Paper,
 * Typography, a catalog link, small IconButtons and a text Button): each of
 * those components is several React components deep, and the buttons each
 * mount a ripple after their first render. Menus and dialogs mount on use.
 */
const useStyles = makeStyles(theme => {
  const iconSvg = {
    width: '1em',
    height: '1em',
    display: 'block',
    flexShrink: 0,
    fill: 'currentColor',
    userSelect: 'none' as const,
  };
  const buttonBase = {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    position: 'relative' as const,
    boxSizing: 'border-box' as const,
    margin: 0,
    border: 0,
    outline: 0,
    cursor: 'pointer',
    userSelect: 'none' as const,
    verticalAlign: 'middle',
    textDecoration: 'none',
    color: 'inherit',
    backgroundColor: 'transparent',
    WebkitTapHighlightColor: 'transparent',
    WebkitAppearance: 'none' as const,
    transition: theme.transitions.create('background-color', {
      duration: theme.transitions.duration.shortest,
    }),
  };
  return {
    card: {
      position: 'relative',
      padding: theme.spacing(1, 1.5, 0.5),
      color: theme.palette.text.primary,
      backgroundColor: theme.palette.background.paper,
      border: `1px solid ${theme.palette.divider}`,
      borderRadius: theme.shape.borderRadius,
      cursor: 'grab',
      '&[draggable="false"]': { cursor: 'default' },
      // The browser lays out and paints only the cards near the viewport;
      // the others keep the size they last had (about a card's at first).
      contentVisibility: 'auto',
      containIntrinsicSize: 'auto 150px',
    },
    dragging: { opacity: 0.4 },
    header: {
      display: 'flex',
      alignItems: 'flex-start',
      gap: theme.spacing(0.5),
    },
    handle: {
      color: theme.palette.text.hint,
      marginTop: 2,
      fontSize: theme.typography.pxToRem(20),
      '& svg': iconSvg,
    },
    names: { flex: 1, minWidth: 0 },
    title: { ...theme.typography.subtitle2, margin: 0 },
    link: {
      color: theme.palette.primary.main,
      textDecoration: 'none',
      '&:hover': { textDecoration: 'underline' },
    },
    caption: { ...theme.typography.caption, margin: 0 },
    ref: {
      display: 'block',
      color: theme.palette.text.secondary,
      overflowWrap: 'anywhere',
    },
    notInCatalog: { color: theme.palette.error.main },
    iconButton: {
      ...buttonBase,
      flex: '0 0 auto',
      padding: 3,
      borderRadius: '50%',
      overflow: 'visible',
      fontSize: theme.typography.pxToRem(18),
      color: theme.palette.action.active,
      '& svg': { ...iconSvg, fontSize: theme.typography.pxToRem(20) },
      '&:hover': {
        backgroundColor: alpha(
          theme.palette.action.active,
          theme.palette.action.hoverOpacity,
        ),
      },
      '&:focus-visible': { backgroundColor: theme.palette.action.focus },
    },
    instructions: {
      display: 'flex',
      alignItems: 'center',
      justifyContent: 'space-between',
      gap: theme.spacing(1),
      minHeight: 36,
    },
    noInstructions: { color: theme.palette.text.secondary },
    hasInstructions: { color: theme.palette.success.main },
    textButton: {
      ...buttonBase,
      ...theme.typography.button,
      minWidth: 64,
      padding: '4px 5px',
      fontSize: theme.typography.pxToRem(13),
      borderRadius: theme.shape.borderRadius,
      color: theme.palette.text.primary,
      '&:hover': {
        backgroundColor: alpha(
          theme.palette.text.primary,
          theme.palette.action.hoverOpacity,
        ),
      },
      '&:focus-visible': { backgroundColor: theme.palette.action.focus },
      '& svg': {
        ...iconSvg,
        fontSize: 18,
        marginLeft: -2,
        marginRight: theme.spacing(1),
      },
    },
    image: { paddingBottom: theme.spacing(0.5) },
  };
});

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
    href,
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
    <div
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
          <span className={classes.handle}>{dragIndicatorIcon}</span>
        )}
        <div className={classes.names}>
          <h4 className={classes.title}>
            <RouterLink
              to={href}
              draggable={false}
              className={classes.link}
              onClick={() => actions.onOpenEntity(displayName, href)}
            >
              {displayName}
            </RouterLink>
          </h4>
          <span className={`${classes.caption} ${classes.ref}`}>
            {entityRef}
          </span>
          {notInCatalog && (
            <span className={`${classes.caption} ${classes.notInCatalog}`}>
              Not in the catalog
            </span>
          )}
        </div>
        {!readOnly && (
          <>
            <button
              type="button"
              className={classes.iconButton}
              title="Move to another stage"
              aria-label={`Move ${displayName} to another stage`}
              aria-haspopup="menu"
              onClick={openMenu}
            >
              {swapHorizIcon}
            </button>
            <button
              type="button"
              className={classes.iconButton}
              title="Remove from the release"
              aria-label={`Remove ${displayName}`}
              onClick={() => actions.onRemove(entityRef)}
            >
              {deleteOutlineIcon}
            </button>
          </>
        )}
      </div>
      <div className={classes.instructions}>
        <span
          className={`${classes.caption} ${
            hasInstructions ? classes.hasInstructions : classes.noInstructions
          }`}
        >
          {hasInstructions ? 'Has instructions' : 'No instructions'}
        </span>
        {(!readOnly || hasInstructions) && (
          <button
            type="button"
            className={classes.textButton}
            aria-label={`Instructions for ${displayName}`}
            onClick={() => setInstructionsOpen(true)}
          >
            {descriptionOutlinedIcon}
            Instructions
          </button>
        )}
      </div>
      <div className={classes.image}>
        <ImagePicker
          entityRef={entityRef}
          label={`Image for ${displayName}`}
          value={app.image}
          onChange={handleImageChange}
          readOnly={readOnly}
        />
      </div>
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
    </div>
  );
}

export const ApplicationCard = memo(ApplicationCardView);
