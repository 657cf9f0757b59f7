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
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Timeline from '@material-ui/lab/Timeline';
import TimelineConnector from '@material-ui/lab/TimelineConnector';
import TimelineContent from '@material-ui/lab/TimelineContent';
import TimelineDot from '@material-ui/lab/TimelineDot';
import TimelineItem from '@material-ui/lab/TimelineItem';
import TimelineSeparator from '@material-ui/lab/TimelineSeparator';
import {
  Release,
  ReleaseHistoryEntry,
} from '@sdh/plugin-distribution-hub-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { distributionHubApiRef } from '../../api';
import { useHubPaths } from '../../hooks/useHubPaths';
import { ActorLink } from './ActorLink';
import { describeAction, describeChanges } from './describeEntry';
import { formatExactTime, formatRelativeTime } from './formatTime';

/** @public */
export interface ReleaseHistoryProps {
  release: Release;
}

const useStyles = makeStyles(theme => ({
  // No opposite content: the timeline hugs the left edge.
  item: {
    '&:before': {
      flex: 0,
      padding: 0,
    },
  },
  content: {
    paddingBottom: theme.spacing(3),
  },
  meta: {
    color: theme.palette.text.secondary,
  },
  changes: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(2.5),
  },
  details: {
    margin: 0,
    paddingLeft: theme.spacing(2.5),
  },
}));

function dotColor(entry: ReleaseHistoryEntry) {
  if (entry.action === 'created') {
    return 'primary' as const;
  }
  if (entry.action === 'status-changed') {
    return entry.changes.status?.to === 'rescinded'
      ? ('secondary' as const)
      : ('primary' as const);
  }
  return 'grey' as const;
}

function HistoryEntry(props: { entry: ReleaseHistoryEntry; last: boolean }) {
  const { entry, last } = props;
  const classes = useStyles();
  const paths = useHubPaths();
  const changes = describeChanges(entry);
  const title = describeAction(entry);
  return (
    <TimelineItem className={classes.item}>
      <TimelineSeparator>
        <TimelineDot color={dotColor(entry)} />
        {!last && <TimelineConnector />}
      </TimelineSeparator>
      <TimelineContent className={classes.content}>
        <Typography variant="subtitle1" component="h3">
          {title}
        </Typography>
        <Typography variant="body2" className={classes.meta}>
          <ActorLink actor={entry.actor} />
          {' · '}
          <time dateTime={entry.at}>
            {formatRelativeTime(entry.at)} ({formatExactTime(entry.at)})
          </time>
        </Typography>
        {changes.length > 0 && (
          <ul className={classes.changes}>
            {changes.map(line => (
              <li key={line.field}>
                <Typography variant="body2" component="span">
                  {line.label}:{' '}
                  {line.releaseId ? (
                    <Link to={paths.release(line.releaseId, 'overview')}>
                      {line.text}
                    </Link>
                  ) : (
                    line.text
                  )}
                </Typography>
                {line.details && (
                  <ul className={classes.details}>
                    {line.details.map(detail => (
                      <li key={detail}>
                        <Typography variant="body2" component="span">
                          {detail}
                        </Typography>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </TimelineContent>
    </TimelineItem>
  );
}

/** Newest first: by revision, then by time. */
function newestFirst(a: ReleaseHistoryEntry, b: ReleaseHistoryEntry) {
  return b.revision - a.revision || Date.parse(b.at) - Date.parse(a.at);
}

/**
 * Every change of a release, newest first: what was done, by whom, when,
 * and what it changed.
 *
 * @public
 */
export function ReleaseHistory(props: ReleaseHistoryProps) {
  const { release } = props;
  const api = useApi(distributionHubApiRef);
  // Loaded again whenever the release changes, so a change made on this page
  // shows up here.
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getReleaseHistory(release.id),
    [api, release.id, release.revision],
  );

  if (loading && !value) {
    return <Progress />;
  }
  if (error) {
    return (
      <>
        <ResponseErrorPanel
          title="Could not load the release's history"
          error={error}
        />
        <Button variant="outlined" onClick={retry}>
          Try again
        </Button>
      </>
    );
  }
  const entries = [...(value ?? [])].sort(newestFirst);
  return (
    <InfoCard
      title="History"
      subheader="Every change of this release, newest first"
    >
      {entries.length === 0 ? (
        <Typography variant="body2">No changes recorded yet.</Typography>
      ) : (
        <Timeline align="left" aria-label="Release history">
          {entries.map((entry, index) => (
            <HistoryEntry
              key={`${entry.revision}-${entry.action}-${entry.at}`}
              entry={entry}
              last={index === entries.length - 1}
            />
          ))}
        </Timeline>
      )}
    </InfoCard>
  );
}
