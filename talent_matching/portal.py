"""The talent platform's place in the portal (see ``core.portal``): its pages under /talent/,
its menu entry and home panels, API routes, scheduled jobs, decisions in the audit trail and the
kinds of transparency-log entry it writes. Each part declares here what it adds."""

URLS = "talent/"

MENU = []
HOME_PANELS = []
API_ROUTES = []
PERIODIC_TASKS = []
AUDIT_EVENTS = {}
API_SCOPES = {}
TRANSPARENCY_KINDS = {}
