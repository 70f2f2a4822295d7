# healthsite: every command a developer or CI needs.
# Tools are pinned in go.mod's tool block and run with `go tool`.

GO      ?= go
ADDR    ?= :8080
DEV_ADDR ?= 127.0.0.1:8080
FUZZTIME ?= 30s

.PHONY: run dev test generate check build bench fuzz clean audit-tools lighthouse loadtest

## run: serve the shipped articles of content/ on $(ADDR) (http://localhost:8080)
run:
	$(GO) run ./cmd/healthsite serve -addr $(ADDR)

## dev: the editors' preview of content/ on $(DEV_ADDR), this computer only: reloads on save, shows drafts and problems
dev:
	$(GO) run ./cmd/healthsite serve -dev -content content -addr $(DEV_ADDR)

## test: run every test, the browser test included; first installs the audit tools when npm can and they are missing or out of date
test:
	@bash .ci/audit-tools.sh --if-can
	$(GO) test -count=1 ./...

## audit-tools: install the pinned axe-core, Nu Html Checker and Lighthouse into .ci/node_modules unless they are there already; fails if it cannot
audit-tools:
	bash .ci/audit-tools.sh

## lighthouse: Lighthouse on / and an article, served on 127.0.0.1; fails below performance 95, the rest 100
lighthouse:
	GO=$(GO) bash .ci/lighthouse.sh

## generate: regenerate the templ components' Go code
generate:
	$(GO) tool templ generate

## check: formatting, vet, staticcheck, and templ output in sync with its sources
check:
	@out=$$(gofmt -l $$(find . -name '*.go' -not -path './.git/*')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) tool staticcheck ./...
	@before=$$(cat $$(find . -name '*_templ.go' -not -path './.git/*' | sort) | sha256sum); \
	$(GO) tool templ generate >/dev/null 2>&1 || { echo "templ generate failed"; exit 1; }; \
	after=$$(cat $$(find . -name '*_templ.go' -not -path './.git/*' | sort) | sha256sum); \
	if [ "$$before" != "$$after" ]; then echo "the *_templ.go files did not match their .templ sources; they are regenerated now: commit them"; exit 1; fi

## build: build the binary into bin/healthsite
build:
	$(GO) build -trimpath -ldflags='-s -w' -o bin/healthsite ./cmd/healthsite

## bench: the Go benchmarks, then issue 16's comparison with Hugo, nginx and Caddy, ending with its table of targets (.ci/bench.sh; QUICK=1 to try it; needs wrk, nginx-light, hugo, caddy)
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
	GO=$(GO) bash .ci/bench.sh

## loadtest: the load and fault tests at full size on 127.0.0.1 (1,000 requests/s for 20 s over 100 reloads, 50 slow requests at shutdown, 200 slowloris connections, 20 KiB headers); make test runs a short version
loadtest:
	$(GO) test -count=1 -v -run 'Load|Shutdown|Slowloris|HeaderLimit' ./internal/server -args -full

## fuzz: run each fuzz target for FUZZTIME (make fuzz FUZZTIME=5m)
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 200x $$pkg || exit 1; \
	  done; \
	done

clean:
	rm -rf bin
