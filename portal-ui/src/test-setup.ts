// Angular's packages ship partially compiled: outside the Angular build, the JIT compiler
// finishes them (and this app's own decorated classes) when a spec first uses them.
import '@angular/compiler';

import { TestBed } from '@angular/core/testing';
import { BrowserTestingModule, platformBrowserTesting } from '@angular/platform-browser/testing';
import { afterEach } from 'vitest';

// No DOM here: specs use TestBed for dependency injection only, never to render a component.
TestBed.initTestEnvironment(BrowserTestingModule, platformBrowserTesting(), {
  teardown: { destroyAfterEach: false },
});

// TestBed resets itself only under global test hooks; Vitest's are imported, not global.
afterEach(() => {
  TestBed.resetTestingModule();
});
