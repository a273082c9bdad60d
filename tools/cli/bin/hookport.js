#!/usr/bin/env node
// A committed launcher, so the npm bin link exists (and is executable) before the first build.
require('../dist/main.js');
