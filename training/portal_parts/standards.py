"""What the standards part adds to the portal (see core.portal): hub sections, API routes, scheduled
jobs, audit events, transparency kinds."""

HOME_PANELS = []
DASHBOARD = []
API_ROUTES = []
PERIODIC_TASKS = []
AUDIT_EVENTS = {}
TRANSPARENCY_KINDS = {}
