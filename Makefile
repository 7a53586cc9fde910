SHELL := /bin/bash
# Vigie — the two commands that matter: `make run` and `make test`.
GO      ?= go
GOROOT  := $(shell $(GO) env GOROOT)
WASMEXEC := $(GOROOT)/lib/wasm
DIST    := dist
ART     := $(DIST)/test-artifacts

.PHONY: all build dist package run test test-native test-wasm test-firefox test-e2e test-e2e-firefox test-e2e-both eval bench fuzz clean node-deps worker-dev deps
NODE_TOOLS := build/node/node_modules/.bin/wrangler

all: build

## build: the unpacked extension in dist/chrome and its zip
build:
	$(GO) run ./build -out $(DIST)

dist: build

## package: what an IT service deploys: dist/vigie.crx signed with CRX_KEY
## (created if missing; keep it safe, it fixes the extension ID), dist/updates.xml
## pointing at UPDATE_URL, the store zip and the Firefox .xpi. Same inputs,
## same bytes. LIST_URL and TRUST (a publisher .pub file) configure the lists.
CRX_KEY    ?= $(HOME)/.config/vigie/crx-key.pem
UPDATE_URL ?= https://extensions.example.fr/vigie/
LIST_URL   ?=
TRUST      ?=
package:
	@mkdir -p $(dir $(CRX_KEY))
	$(GO) run ./build -out $(DIST) -crx-key $(CRX_KEY) -crx-key-create -update-url $(UPDATE_URL) \
		$(if $(LIST_URL),-list-url $(LIST_URL)) $(if $(TRUST),-trust $(TRUST))

## run: build, then serve the demo pages and a list server, and print how to
## open them in Chromium (the demo build trusts a throw-away key in dist/demo)
run:
	$(GO) run ./build/demo -out $(DIST) $(if $(SCREENS),-screens $(SCREENS))

## test: every test — native units and fuzz seeds, the engine under Node
## (GOOS=js), the quality gate, and the extension in real Chromium
test: deps build node-deps test-native test-wasm test-firefox test-types test-e2e-both

## deps: Chromium, ChromeDriver, brotli, wrk… from Debian's packages, when
## missing (as root or through sudo; otherwise says what to install)
deps:
	@bash .ci/deps

## test-firefox: Mozilla's linter on the Firefox build (errors fail; warnings are listed)
test-firefox: build node-deps
	@echo "== $@ $$(date +%T)"
	build/node/node_modules/.bin/web-ext lint --source-dir $(DIST)/firefox --self-hosted

## test-types: TypeScript checks the extension's typed JavaScript (the
## message table, protocol.js); tooling from build/node, never shipped
test-types: node-deps
	@echo "== $@ $$(date +%T)"
	build/node/node_modules/.bin/tsc -p build/node/tsconfig.json

## node-deps: development tools from npm (wrangler for the Workers list server,
## tldts for benchmarks); never part of the extension
node-deps: $(NODE_TOOLS)
$(NODE_TOOLS): build/node/package.json build/node/package-lock.json
	npm ci --prefix build/node --no-audit --no-fund --loglevel=error
	touch $@

test-native: node-deps
	@echo "== $@ $$(date +%T)"
	$(GO) vet ./...
	VIGIE_REQUIRE_WRANGLER=1 VIGIE_REQUIRE_READERS=1 VIGIE_REQUIRE_DNSTWIST=1 $(GO) test -count=1 $$($(GO) list ./... | grep -v /extension/e2e)
	@[ -f ../shared/data/etalab-urls.txt ] || echo "NOTE: ../shared/data is absent: the quality gate on the development data (recall, benign domains) and the Etalab file test were SKIPPED; its in-repo part (the built-in list, lists/testdata) ran. make eval needs ../shared."

## worker-dev: the list server as a Cloudflare Worker, locally (wrangler dev)
worker-dev: node-deps
	cd lists && CLOUDFLARE_CF_FETCH_ENABLED=false WRANGLER_SEND_METRICS=false ../$(NODE_TOOLS) dev --ip 127.0.0.1 --port 8788

## test-wasm: the engine's packages under Node, built as the shipped module
## is (against the patched x/net, build/xnet.go)
test-wasm:
	@echo "== $@ $$(date +%T)"
	mod=$$($(GO) run ./build -wasm-modfile) && PATH="$(WASMEXEC):$$PATH" GOOS=js GOARCH=wasm $(GO) test -modfile=$$mod -count=1 ./wasm/hostname ./wasm/skeleton ./lists/index ./wasm/lookalike ./wasm/engine ./wasm/passwords ./wasm/mediator ./wasm/random ./wasm/sha2 ./wasm/sig ./wasm/reports ./wasm/cmd/vigie ./lists/source ./lists/bundle

## test-e2e: the extension in real Chromium, force-installed by policy as on
## terminals (and a smaller unpacked set for the reduced mode)
test-e2e:
	VIGIE_ARTIFACTS=$(ART) VIGIE_E2E_BROWSERS=chromium $(GO) test -count=1 -timeout 30m -v -skip Firefox ./extension/e2e

## test-e2e-both: the two suites at once (each browser mostly waits on the
## other's pace: about half the time of one after the other), each into its
## own log, printed whole when both are done
test-e2e-both: build
	@echo "== $@ $$(date +%T)"
	@mkdir -p $(ART); \
	$(MAKE) --no-print-directory test-e2e > $(ART)/e2e-chromium.log 2>&1 & c=$$!; \
	$(MAKE) --no-print-directory test-e2e-firefox > $(ART)/e2e-firefox.log 2>&1; f=$$?; \
	wait $$c; c=$$?; \
	echo "== Chromium"; cat $(ART)/e2e-chromium.log; echo "== Firefox ESR"; cat $(ART)/e2e-firefox.log; \
	[ $$c -eq 0 ] && [ $$f -eq 0 ]

## test-e2e-firefox: the same scenarios in Firefox ESR, over WebDriver BiDi
test-e2e-firefox:
	VIGIE_ARTIFACTS=$(ART) VIGIE_E2E_BROWSERS=firefox $(GO) test -count=1 -timeout 30m -v -run 'Firefox|^TestBoth' ./extension/e2e

## eval: detection figures on ../shared/data, written to docs/quality.md
eval:
	VIGIE_WRITE_QUALITY=docs/quality.md $(GO) test -count=1 -run TestQualityGate -v ./lists/quality

## bench: speed, size and memory figures against same-run baselines,
## written to docs/perf.md (needs ../shared/data, Chromium, wrk, brotli)
bench: deps build node-deps
	$(GO) run ./build/bench -out $(DIST) -doc docs/perf.md

## fuzz: a short fuzzing session on each parser (the seeds run in `make test`)
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime 30s ./wasm/hostname
	$(GO) test -run '^$$' -fuzz FuzzDetect -fuzztime 30s ./wasm/lookalike
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime 30s ./lists/source
	$(GO) test -run '^$$' -fuzz FuzzLoad -fuzztime 30s ./lists/index
	$(GO) test -run '^$$' -fuzz FuzzRestore -fuzztime 30s ./wasm/passwords
	$(GO) test -run '^$$' -fuzz FuzzSameAsStandardLibrary -fuzztime 30s ./wasm/sha2
	$(GO) test -run '^$$' -fuzz FuzzSameAsStandardLibrary -fuzztime 30s ./wasm/sig
	$(GO) test -run '^$$' -fuzz FuzzVerify -fuzztime 30s ./lists/bundle
	$(GO) test -run '^$$' -fuzz FuzzJudgeZip -fuzztime 30s ./wasm/engine

clean:
	rm -rf $(DIST)
