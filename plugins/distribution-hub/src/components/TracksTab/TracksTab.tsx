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
import { useCallback, useId, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useDebounce from 'react-use/esm/useDebounce';
import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AddIcon from '@material-ui/icons/Add';
import SearchIcon from '@material-ui/icons/Search';
import {
  Page,
  ReleaseTrack,
  trackCreatePermission,
} from '@sdh/plugin-distribution-hub-common';
import { distributionHubApiRef } from '../../api';
import { useHubPaths } from '../../hooks/useHubPaths';
import { CreateTrackDialog } from '../CreateTrackDialog';
import { serverErrorMessage } from './trackUtils';
import { PermissionedButton } from '../PermissionedButton';

/** How long typing pauses before the search goes to the server. */
export const TRACK_SEARCH_DEBOUNCE_MS = 300;

const PAGE_SIZES = [20, 50, 100];

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
    flexWrap: 'wrap',
    marginBottom: theme.spacing(2),
  },
  search: {
    minWidth: 280,
  },
  description: {
    display: '-webkit-box',
    WebkitLineClamp: 2,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
  },
}));

/**
 * Which page of which search is shown. The server pages with opaque
 * cursors, so the cursor of every page up to the current one is kept to go
 * back; moving forward uses the current page's `nextCursor`.
 */
interface ListQuery {
  search: string;
  pageSize: number;
  page: number;
  /** cursors[i] fetches page i; page 0 has none. */
  cursors: (string | undefined)[];
}

/**
 * The "Release tracks" tab of the Release Hub: every track, searched and
 * paged on the server, with a button to create one.
 *
 * @public
 */
export function TracksTab() {
  const classes = useStyles();
  const api = useApi(distributionHubApiRef);
  const paths = useHubPaths();
  const navigate = useNavigate();

  const [searchInput, setSearchInput] = useState('');
  const [query, setQuery] = useState<ListQuery>({
    search: '',
    pageSize: PAGE_SIZES[0],
    page: 0,
    cursors: [undefined],
  });
  const [creating, setCreating] = useState(false);
  const searchId = useId();

  useDebounce(
    () => {
      const search = searchInput.trim();
      setQuery(q =>
        q.search === search
          ? q
          : { ...q, search, page: 0, cursors: [undefined] },
      );
    },
    TRACK_SEARCH_DEBOUNCE_MS,
    [searchInput],
  );

  const cursor = query.cursors[query.page];
  const { value, loading, error, retry } = useAsyncRetry(
    () =>
      api.listTracks({
        ...(query.search ? { search: query.search } : {}),
        limit: query.pageSize,
        ...(cursor ? { cursor } : {}),
      }),
    [api, query.search, query.pageSize, cursor],
  );

  // While the next page or search loads, keep showing the last one.
  const lastLoaded = useRef<Page<ReleaseTrack>>();
  if (value) {
    lastLoaded.current = value;
  }
  const shown = value ?? lastLoaded.current;

  const nextCursor = value?.nextCursor;
  const onPageChange = useCallback(
    (page: number) => {
      setQuery(q => {
        if (page < q.page) {
          return { ...q, page };
        }
        if (page > q.page && nextCursor && !loading) {
          const cursors = q.cursors.slice(0, q.page + 1);
          cursors.push(nextCursor);
          return { ...q, page: q.page + 1, cursors };
        }
        return q;
      });
    },
    [nextCursor, loading],
  );
  const onRowsPerPageChange = useCallback((pageSize: number) => {
    setQuery(q => ({ ...q, pageSize, page: 0, cursors: [undefined] }));
  }, []);

  const columns = useMemo<TableColumn<ReleaseTrack>[]>(
    () => [
      {
        title: 'Title',
        field: 'title',
        highlight: true,
        render: track => (
          <Link to={paths.track(track.name)}>{track.title}</Link>
        ),
      },
      { title: 'ID', field: 'name' },
      {
        title: 'Releases',
        field: 'releaseCount',
        type: 'numeric',
        align: 'left',
      },
      {
        title: 'Latest version',
        field: 'latestVersion',
        render: track => track.latestVersion ?? '—',
      },
      {
        title: 'Description',
        field: 'description',
        width: '40%',
        render: track =>
          track.description ? (
            <Typography
              variant="body2"
              className={classes.description}
              title={track.description}
            >
              {track.description}
            </Typography>
          ) : null,
      },
    ],
    [paths, classes.description],
  );

  const newTrackButton = (
    <PermissionedButton
      permission={trackCreatePermission}
      action="create release tracks"
      variant="contained"
      color="primary"
      startIcon={<AddIcon />}
      onClick={() => setCreating(true)}
    >
      New track
    </PermissionedButton>
  );

  const dialog = (
    <CreateTrackDialog
      open={creating}
      onClose={() => setCreating(false)}
      onCreated={track => {
        setCreating(false);
        navigate(paths.track(track.name));
      }}
    />
  );

  // Nothing loaded yet: the first page of the first search.
  if (loading && !shown && !error) {
    return <Progress />;
  }

  // No tracks at all (not just none matching a search).
  if (
    !error &&
    !loading &&
    value &&
    value.totalCount === 0 &&
    query.search === '' &&
    searchInput.trim() === ''
  ) {
    return (
      <>
        <EmptyState
          missing="content"
          title="No release tracks yet"
          description="A release track is a product line; its releases are the versions you roll out to your tenants' installations. Create one to start."
          action={newTrackButton}
        />
        {dialog}
      </>
    );
  }

  let content;
  if (error) {
    content = (
      <>
        <ResponseErrorPanel
          title={`Could not load the release tracks: ${serverErrorMessage(
            error,
          )}`}
          error={error}
        />
        <Box mt={2}>
          <Button variant="outlined" onClick={retry}>
            Try again
          </Button>
        </Box>
      </>
    );
  } else {
    const items = shown?.items ?? [];
    const totalCount = shown?.totalCount ?? 0;
    content = (
      <Table<ReleaseTrack>
        title={
          query.search
            ? `Release tracks matching “${query.search}” (${totalCount})`
            : `Release tracks (${totalCount})`
        }
        columns={columns}
        data={items}
        isLoading={loading}
        options={{
          search: false,
          sorting: false,
          draggable: false,
          padding: 'dense',
          paging: true,
          pageSize: query.pageSize,
          pageSizeOptions: PAGE_SIZES,
          showFirstLastPageButtons: false,
          emptyRowsWhenPaging: false,
        }}
        page={query.page}
        totalCount={totalCount}
        onPageChange={onPageChange}
        onRowsPerPageChange={onRowsPerPageChange}
        emptyContent={
          <Box p={2}>
            <Typography variant="body2">
              No release tracks match “{query.search}”.
            </Typography>
          </Box>
        }
      />
    );
  }

  return (
    <>
      <Box className={classes.toolbar}>
        <TextField
          id={searchId}
          className={classes.search}
          label="Search tracks"
          type="search"
          variant="outlined"
          size="small"
          value={searchInput}
          onChange={e => setSearchInput(e.target.value)}
          placeholder="ID or title"
          InputProps={{
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" />
              </InputAdornment>
            ),
          }}
        />
        {newTrackButton}
      </Box>
      {content}
      {dialog}
    </>
  );
}
