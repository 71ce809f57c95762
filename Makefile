# alcance: the two commands a newcomer needs are `make demo` and `make test`.
GO      ?= go
BIN     := bin/alcance
# Seed and size of the labelled corpus `make eval` measures accuracy on.
EVAL_PERSONS ?= 20000
EVAL_SEED    ?= 7

.PHONY: build demo test eval bench fuzz lint clean

build:
	$(GO) build -o $(BIN) ./cmd/alcance

# Builds alcance, generates a synthetic legacy database under demo/, scans it
# and writes demo/report.json and demo/report.html.
demo: build
	./$(BIN) demo --dir demo

# Runs every test, then says which live servers' tests did not run (their
# DSN is not set) and whether the browser test could run: a green run that
# skipped them says so.
test:
	@status=0; $(GO) test ./... || status=$$?; \
	[ -n "$$ALCANCE_TEST_POSTGRES" ] || echo "make test: PostgreSQL tests did not run: ALCANCE_TEST_POSTGRES is not set"; \
	[ -n "$$ALCANCE_TEST_MYSQL" ] || echo "make test: MariaDB/MySQL tests did not run: ALCANCE_TEST_MYSQL is not set"; \
	[ -n "$$ALCANCE_TEST_MSSQL" ] || echo "make test: SQL Server tests did not run: ALCANCE_TEST_MSSQL is not set"; \
	command -v chromium >/dev/null 2>&1 || [ -n "$$ALCANCE_CHROMIUM" ] || echo "make test: the browser test did not run: chromium is not installed (apt-get install chromium)"; \
	exit $$status

# Scans the generated, labelled corpus and prints precision, recall and F1
# per category, the calibration of confidences and the persons figure.
eval:
	$(GO) run ./cmd/alcance-eval -persons $(EVAL_PERSONS) -seed $(EVAL_SEED)

# Whole scans in sample and full mode against a plain read of the same
# data through the same driver, per connector (PostgreSQL and MariaDB when
# their DSNs are set), with peak memory; and the person set at 4 million
# people (ALCANCE_BENCH_PERSONSET=36000000 for the national scale).
BENCH_PERSONSET ?= 4000000
bench:
	$(GO) test -run '^$$' -bench 'BenchmarkScan' -benchtime 2x ./internal/scan
	ALCANCE_BENCH_PERSONSET=$(BENCH_PERSONSET) $(GO) test -run '^$$' -bench 'BenchmarkPersonSet' -benchtime 1x ./exposure

# Runs each parser's fuzz test for FUZZTIME (CI runs each for a few seconds).
# Minimizing a new input is capped: by default it may take a minute, during
# which nothing is fuzzed.
FUZZTIME ?= 2m
FUZZ_TARGETS := FuzzDelimited FuzzJSON FuzzDump FuzzDBF FuzzXLSX FuzzHeader
fuzz:
	@for f in $(FUZZ_TARGETS); do \
		echo "== $$f ($(FUZZTIME))"; \
		$(GO) test ./connectors/files -run '^$$' -fuzz "^$$f\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 10x || exit 1; \
	done

lint:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

clean:
	rm -rf bin demo eval

# Tests of the Kubernetes manifests (deploy/kubernetes): a module of its own,
# deploy/go.mod, so that the Kubernetes libraries stay out of alcance's.
.PHONY: deploy-test
deploy-test:
	cd deploy && $(GO) vet ./... && $(GO) test ./...
