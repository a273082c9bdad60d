// HTTP shapes of the portal-access area (management and portal API), shared with portal-ui.
export {};
