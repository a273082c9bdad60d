// HTTP shapes of the endpoints area (management and portal API), shared with portal-ui.
export {};
