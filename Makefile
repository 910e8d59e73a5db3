# Landlord's two commands are `make run` and `make test`; `make help` lists the rest.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
CARGO ?= cargo
# CI builds from a clean clone once: incremental compilation would only write caches.
ifdef CI
export CARGO_INCREMENTAL ?= 0
endif
# Where `make run` keeps its SQLite file and token secret.
export LANDLORD_DATA_DIR ?= data
export LANDLORD_DATABASE_URL ?= sqlite://data/landlord.db

.PHONY: help run test test-build tools frontend build lint fmt openapi test-unit test-sqlite test-postgres test-browser test-schemathesis bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-18s %s\n", $$1, $$2}'

run: tools frontend ## Install what is missing, build, and serve API + admin app on 127.0.0.1:8080 with demo data
	$(CARGO) build --locked --release -p landlord
	./target/release/landlord seed --tenants 60 --if-empty
	./target/release/landlord serve

test: ## Every test: lint, unit, API on SQLite and PostgreSQL, the SPA in headless Chromium, the spec fuzzed
	@# The admin app's release build ends in one long single-threaded link (LTO), and the
	@# server crates compile one after another: building both side by side keeps both cores
	@# busy. They use different profiles, so cargo lets them run at once.
	@$(MAKE) --no-print-directory -j2 --output-sync=target frontend test-build
	@$(MAKE) --no-print-directory test-sqlite test-postgres test-schemathesis
	@echo "==> all tests passed"

test-build: lint ## Lint, then compile every test binary without running it
	$(CARGO) test --locked --workspace --exclude landlord-frontend --no-run
	$(CARGO) test --locked -p landlord-frontend --no-run

tools: ## Install the wasm target and the matching wasm-bindgen CLI if missing
	@scripts/ensure-tools.sh

frontend: tools ## Build the admin app (WASM) into frontend/dist
	@bash frontend/build.sh

build: frontend ## Build the release server and the admin app
	$(CARGO) build --locked --release -p landlord

lint: tools ## rustfmt and clippy (server crates and the wasm app), warnings are errors
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --locked --workspace --exclude landlord-frontend --all-targets -- -D warnings
	$(CARGO) clippy --locked -p landlord-frontend --target wasm32-unknown-unknown -- -D warnings

fmt: ## Format the code
	$(CARGO) fmt --all

openapi: ## Regenerate openapi/openapi.json from the code
	$(CARGO) run --locked -q -p landlord -- openapi > openapi/openapi.json

test-sqlite: frontend ## Unit tests, API tests on SQLite, and browser tests
	@scripts/ensure-tools.sh --browser
	@scripts/ensure-aiosmtpd.sh >/dev/null
	$(CARGO) test --locked --workspace --exclude landlord-frontend
	$(CARGO) test --locked -p landlord-frontend # the admin app's pure helpers, on the host

test-postgres: ## API tests on a throwaway PostgreSQL on loopback (and aiosmtpd for the mail tests)
	@scripts/ensure-aiosmtpd.sh >/dev/null
	@scripts/test-postgres.sh

test-schemathesis: ## Fuzz the running server against its OpenAPI document (schemathesis, fixed seed, ~2 min)
	@scripts/schemathesis.sh

bench: ## Load benchmarks; figures go to bench/README.md
	@bash bench/run.sh

clean: ## Remove build outputs and the demo database
	$(CARGO) clean
	rm -rf frontend/dist/pkg data
