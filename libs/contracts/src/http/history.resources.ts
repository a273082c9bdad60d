// HTTP shapes of the history area (management and portal API), shared with portal-ui.
export {};
