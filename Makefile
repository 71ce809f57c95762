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

test:
	$(GO) test ./...

# Scans the generated, labelled corpus and prints precision, recall and F1
# per category, the calibration of confidences and the persons figure.
eval:
	$(GO) run ./cmd/alcance-eval -persons $(EVAL_PERSONS) -seed $(EVAL_SEED)

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

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
