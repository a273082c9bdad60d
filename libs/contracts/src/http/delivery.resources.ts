// HTTP shapes of the delivery area (management and portal API), shared with portal-ui.
export {};
