# The two commands of the README: `make start` and `make test`. Each installs
# what is missing first (Node 22 toolchain, Yarn, dependencies); set-up that
# is already done is skipped in a second or two.

SHELL := /bin/bash
RUN := scripts/toolchain.sh

.PHONY: start test install typecheck lint unit e2e chromium registry

install:
	@$(RUN) scripts/install-dependencies.sh

## The portal at http://localhost:3000 (backend on 7007) with demo data and
## two simulated clusters.
start: install
	$(RUN) scripts/start-demo.sh

## Every check: type check, lint, unit and integration tests, browser tests.
test: typecheck lint unit e2e

typecheck: install
	$(RUN) yarn tsc

lint: install
	$(RUN) yarn backstage-cli repo lint
	$(RUN) yarn prettier --check .

# Integration tests run on SQLite, and on PostgreSQL when
# BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING names a server.
unit: install registry
	BACKSTAGE_TEST_DISABLE_DOCKER=1 $(RUN) yarn backstage-cli repo test --watchAll=false

chromium:
	@scripts/ensure-chromium.sh

# The image-listing tests run a real OCI registry (Debian's docker-registry).
registry:
	@scripts/ensure-registry.sh

e2e: install chromium
	$(RUN) yarn playwright test
