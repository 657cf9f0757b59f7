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
  InfoCard,
  Link,
  StructuredMetadataTable,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import RadioButtonUncheckedIcon from '@material-ui/icons/RadioButtonUnchecked';
import { Release, ReleaseStatus } from '@sdh/plugin-distribution-hub-common';
import { ReactNode } from 'react';
import { useHubPaths } from '../../hooks/useHubPaths';
import {
  applicationsWithoutImage,
  LifecycleActions,
} from '../LifecycleActions';
import {
  ActorLink,
  formatExactTime,
  formatRelativeTime,
  summarizeRequirements,
} from '../ReleaseHistory';
import { ReleaseStatusChip } from '../ReleaseStatusChip';
import { ReleaseNotes } from './ReleaseNotes';

/** @public */
export interface ReleaseOverviewProps {
  release: Release;
  /** Called with the release as the server returns it after a change. */
  onChange(release: Release): void;
}

/** What each status means for the people who roll releases out. */
export const RELEASE_STATUS_MEANINGS: Record<ReleaseStatus, string> = {
  draft:
    'The requirements are still being defined. A draft cannot be rolled out: it becomes ready for release once its requirements are locked and every application has an image.',
  ready:
    'The release can be rolled out to installations. Its requirements are locked; unlocking them takes the release back to Draft.',
  'on-hold':
    'The release cannot be rolled out until it is resumed. Its requirements stay locked.',
  rescinded:
    'The release was withdrawn for good. It is read-only and can never be rolled out.',
};

const useStyles = makeStyles(theme => ({
  status: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  meaning: {
    marginBottom: theme.spacing(2),
  },
  done: {
    color: theme.palette.success.main,
  },
  todo: {
    color: theme.palette.text.secondary,
  },
  checklist: {
    marginBottom: theme.spacing(1),
  },
  description: {
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
}));

function ChecklistItem(props: { done: boolean; children: ReactNode }) {
  const classes = useStyles();
  return (
    <ListItem disableGutters dense>
      <ListItemIcon>
        {props.done ? (
          <CheckCircleIcon className={classes.done} titleAccess="Done" />
        ) : (
          <RadioButtonUncheckedIcon
            className={classes.todo}
            titleAccess="To do"
          />
        )}
      </ListItemIcon>
      <ListItemText primary={props.children} />
    </ListItem>
  );
}

/** What a draft still needs before it can be ready for release. */
function ReadinessChecklist(props: { release: Release }) {
  const { release } = props;
  const classes = useStyles();
  const paths = useHubPaths();
  const missing = applicationsWithoutImage(release);
  const requirementsLink = (
    <Link to={paths.release(release.id, 'requirements')}>Requirements tab</Link>
  );
  return (
    <List
      aria-label="Before it can be ready for release"
      className={classes.checklist}
    >
      <ChecklistItem done={release.locked}>
        {release.locked ? (
          'Requirements locked'
        ) : (
          <>Requirements not locked yet: lock them on the {requirementsLink}</>
        )}
      </ChecklistItem>
      <ChecklistItem done={missing.length === 0}>
        {missing.length === 0 ? (
          'Every application has an image'
        ) : (
          <>
            No image for {missing.join(', ')}: pick one on the{' '}
            {requirementsLink}
          </>
        )}
      </ChecklistItem>
    </List>
  );
}

function When(props: { at: string }) {
  return (
    <time dateTime={props.at}>
      {formatRelativeTime(props.at)} ({formatExactTime(props.at)})
    </time>
  );
}

/**
 * A release at a glance: its status and what it means, the status changes
 * it can take, its description and details, and its release notes.
 *
 * @public
 */
export function ReleaseOverview(props: ReleaseOverviewProps) {
  const { release, onChange } = props;
  const classes = useStyles();
  const paths = useHubPaths();

  const details: Record<string, ReactNode> = {
    Requirements: (
      <>
        {summarizeRequirements(release.requirements)} (
        <Link to={paths.release(release.id, 'requirements')}>view</Link>)
      </>
    ),
    'Requirements locked': release.locked ? (
      <>
        Yes
        {release.lockedBy && (
          <>
            , by <ActorLink actor={release.lockedBy} />
          </>
        )}
        {release.lockedAt && (
          <>
            , <When at={release.lockedAt} />
          </>
        )}
      </>
    ) : (
      'No'
    ),
    ...(release.clonedFrom
      ? {
          'Cloned from': (
            <Link to={paths.release(release.clonedFrom, 'overview')}>
              an earlier release
            </Link>
          ),
        }
      : {}),
    Created: (
      <>
        <When at={release.createdAt} />, by{' '}
        <ActorLink actor={release.createdBy} />
      </>
    ),
    'Last changed': <When at={release.updatedAt} />,
  };

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <InfoCard title="Status">
          <Box className={classes.status}>
            <ReleaseStatusChip status={release.status} />
          </Box>
          <Typography variant="body2" className={classes.meaning}>
            {RELEASE_STATUS_MEANINGS[release.status]}
          </Typography>
          {release.status === 'draft' && (
            <ReadinessChecklist release={release} />
          )}
          <LifecycleActions release={release} onChange={onChange} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Description">
          <Typography
            variant="body2"
            className={classes.description}
            color={release.description ? 'textPrimary' : 'textSecondary'}
            gutterBottom
          >
            {release.description || 'No description.'}
          </Typography>
          <StructuredMetadataTable
            metadata={details}
            options={{ titleFormat: key => key }}
            dense
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Release notes">
          <ReleaseNotes release={release} onChange={onChange} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
